#!/usr/bin/env bash
# Device run 371 (2026-12-03), the build with the half layout as the decode
# default (2^k = 16 ... 128): 1) the whole GPU conformance set
# (tests/gpu/gpu-conformance.sh build/bin --compile-only on the VM, .ptx
# left out, .device/conf.tar.xz) checked by walsh-gpu on 257 rows; 2)
# walsh bench, decode rows 1, 16, 64 under graph replay, at dense sizes
# the rule changed up to d = 4096 (issue 4: 2.5 us a call) and 3072, 4096.
set -u
cd /tmp && rm -rf walsh-bundle conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 330 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run371.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-run371.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run371.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-run371.txt | head
date -u +%H:%M:%S
timeout 200 $B/walsh bench --target cuda --sizes 192,448,960,768,1792,1920,3840,1536,2560,3584,3072,4096 --rows 16384 --decode-rows 1,16,64 2>&1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run371.txt
