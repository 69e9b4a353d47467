#!/usr/bin/env bash
# Device run 363 (2026-12-03), the final build (86d4e90): the whole GPU
# conformance set (tests/gpu/gpu-conformance.sh build/bin --compile-only
# on the VM, 1371 jobs, .ptx left out, as .device/conf.tar.xz), checked as
# the test does.
set -u
cd /tmp && rm -rf walsh-bundle conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 400 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run363.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-run363.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run363.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-run363.txt | head
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run363.txt
