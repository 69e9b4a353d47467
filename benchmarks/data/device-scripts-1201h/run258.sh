#!/usr/bin/env bash
# Device run 258 (2026-12-01): the build of 2e518a9 (the bundle,
# recompressed with xz as build-k82.sh does), walsh bench over every size
# with a dense factor from 256 to 8192, the powers of two to 32768 and the
# large dense sizes, three dtypes, 65536 and 16384 rows (cuBLAS timed
# last); then decode rows 1 and 16 under graph replay.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%T
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 400 $B/walsh bench --target cuda --sizes 128,256,288,320,352,384,416,448,480,512,576,640,704,768,832,896,960,1024,1152,1280,1408,1536,1664,1792,1920,2048,2304,2560,2816,3072,3328,3584,3840,4096,4608,5120,5632,6144,6656,7168,7680,8192,10240,12288,16384,32768 --dtypes bf16,f16,f32 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 150 $B/walsh bench --target cuda --sizes 128,256,512,768,1024,1536,2048,2560,3072,3584,4096,8192 --dtypes bf16,f16,f32 --rows 16384 --decode-rows 1,16 --no-dense
echo "decode rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run258.txt
