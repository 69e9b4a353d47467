#!/usr/bin/env bash
# Device run 347 (2026-12-03): the session's final build. (1) The whole
# GPU conformance set (tests/gpu/gpu-conformance.sh build/bin
# --compile-only /tmp/conf on the VM, .ptx left out), checked as the test
# does; (2) run326's sweep: walsh bench over every size of issue 4's range
# in three dtypes at 65536 and 16384 rows beside the copy and cuBLAS, then
# decode rows 1 and 16 under CUDA-graph replay.
set -u
cd /tmp && rm -rf walsh-bundle conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 300 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run347.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-run347.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run347.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-run347.txt | head
date -u +%H:%M:%S
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 200 $B/walsh bench --target cuda --sizes 128,256,288,320,352,384,416,448,480,512,576,640,704,768,832,896,960,1024,1152,1280,1408,1536,1664,1792,1920,2048,2304,2560,2816,3072,3328,3584,3840,4096,4608,5120,5632,6144,6656,7168,7680,8192,9216,10240,11264,12288,13312,14336,15360,16384,18432,20480,24576,28672,32768 --dtypes bf16,f16,f32 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 60 $B/walsh bench --target cuda --sizes 128,256,512,768,1024,1536,2048,2560,3072,3584,4096,8192 --dtypes bf16,f16,f32 --rows 16384 --decode-rows 1,16 --no-dense
echo "decode rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run347.txt
