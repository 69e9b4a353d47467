#!/usr/bin/env bash
# Device run 341 (2026-12-03): the session's final build: the whole GPU
# conformance set compiled on the VM (tests/gpu/gpu-conformance.sh
# build/bin --compile-only /tmp/conf; .ptx left out) checked as the test
# does.
set -u
cd /tmp && rm -rf walsh-bundle conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 420 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run341.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-run341.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run341.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-run341.txt | head
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run341.txt
