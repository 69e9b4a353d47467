#!/usr/bin/env bash
# Device run 379 (2026-12-03), the build with the grouped layout's clusters
# as decode defaults (two blocks at 2^k = 64 and 128 from m = 20; at 1 ...
# 16 rows five at m = 60, three at m = 36, three for m = 60's four
# groups): 1) the whole GPU conformance set (tests/gpu/gpu-conformance.sh
# build/bin --compile-only on the VM, .ptx left out, .device/conf.tar.xz)
# checked by walsh-gpu on 257 rows; 2) walsh bench, decode rows 1, 16, 64
# under graph replay, at the dense sizes the rule changed.
set -u
cd /tmp && rm -rf walsh-bundle conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 330 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run379.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-run379.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run379.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-run379.txt | head
date -u +%H:%M:%S
timeout 200 $B/walsh bench --target cuda --sizes 480,960,1280,1920,2304,2560,2816,3328,3584,3840,4608,5632,6656,7680 --rows 1024 --decode-rows 1,16,64 --no-dense 2>&1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run379.txt
