#!/usr/bin/env bash
# Device run 326 (2026-12-02): the final build (the bundle of d3808e8),
# walsh bench over every size with a dense factor from 128 to 8192, the
# powers of two to 32768 and the large sizes with a dense factor to 28672,
# three dtypes, 65536 and 16384 rows (cuBLAS timed last); then decode rows
# 1 and 16 under graph replay.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%T
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 420 $B/walsh bench --target cuda --sizes 128,256,288,320,352,384,416,448,480,512,576,640,704,768,832,896,960,1024,1152,1280,1408,1536,1664,1792,1920,2048,2304,2560,2816,3072,3328,3584,3840,4096,4608,5120,5632,6144,6656,7168,7680,8192,9216,10240,11264,12288,13312,14336,15360,16384,18432,20480,24576,28672,32768 --dtypes bf16,f16,f32 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 120 $B/walsh bench --target cuda --sizes 128,256,512,768,1024,1536,2048,2560,3072,3584,4096,8192 --dtypes bf16,f16,f32 --rows 16384 --decode-rows 1,16 --no-dense
echo "decode rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run326.txt
