#!/usr/bin/env bash
# Device run 510 (2026-12-06, session 72): 524518c's launch checks (rows
# written over a buffer every row reads refused; on the GPU a y part-way
# over x) with the real driver: fuzz.py capi with value checks on the CUDA
# target (children alternate CPU and CUDA), the C API and Python torch
# tests, then the whole GPU conformance test (every valid launch still
# taken).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
echo "== capi test"
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -3
echo "== python torch"
WALSH_LIBRARY=$B/lib/libwalsh.so WALSH_CACHE_DIR=none timeout 240 python3 tests/python/test_walsh.py torch 2>&1 | grep -E "^FAIL|passed|failed" | tail -5
echo "== fuzz.py capi (CPU and CUDA children)"
timeout 170 python3 scripts/fuzz.py capi --seconds 140 --seed 106 --build $B 2>&1 | tail -12
date -u +%H:%M:%S
echo "== gpu conformance"
timeout ${CONF_S:-300} $B/tests/gpu-conformance.sh $B/bin > $OUT/conformance-run510.txt 2>&1
echo "conformance rc=$?"
echo "PASS lines: $(grep -c ' PASS ' $OUT/conformance-run510.txt)  FAIL lines: $(grep -c ' FAIL ' $OUT/conformance-run510.txt)"
grep -v " PASS " $OUT/conformance-run510.txt | tail -8
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run510.txt
