#!/usr/bin/env bash
# Device run 163 (2026-11-30): the session's final build, walsh bench over
# every size with a tensor-core or dense-factor default from 256 to 8192 and
# the powers of two, three dtypes, 65536 and 16384 rows (cuBLAS timed last).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%T
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 500 $B/walsh bench --target cuda --sizes 256,288,320,352,384,416,448,480,512,576,640,704,768,832,896,960,1024,1152,1280,1408,1536,1664,1792,1920,2048,2304,2560,2816,3072,3328,3584,3840,4096,4608,5120,5632,6144,6656,7168,7680,8192 --dtypes bf16,f16,f32 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run163.txt
