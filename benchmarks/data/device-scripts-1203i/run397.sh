#!/usr/bin/env bash
# Device run 397 (2026-12-04): the session's final build (17cd335; the
# code of 2e0c182 and 7cedc83): the whole GPU conformance set, compiled
# here by `bash tests/gpu/gpu-conformance.sh build/bin --compile-only
# /tmp/conf397` (1478 jobs, 1376 distinct kernels; .ptx left out), each
# checked by walsh-gpu on 257 rows against float64 (output poisoned,
# every element).
set -u
cd /tmp && rm -rf walsh-bundle conf397 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 430 $B/walsh-gpu /tmp/conf397 --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
date -u +%H:%M:%S
} > $OUT/h200-conformance-run397.txt 2>&1
echo "PASS $(grep -c PASS $OUT/h200-conformance-run397.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run397.txt)"
grep "FAIL\|rror\|rc=" $OUT/h200-conformance-run397.txt | head
