#!/usr/bin/env bash
# Device run 489 (2026-12-05, sessions 61-62): run488's two unfinished parts.
# First the Python and C API tests, then the decode benchmark, then the
# conformance test with what time is left.
# benchmarks/python_decode_buckets.py after its double free (it stored the
# bulk kernel's handle under a second bucket; the Projection destroyed it
# twice), then the whole GPU conformance test (cut at CONF_S seconds) with its exit status and
# PASS / FAIL counts (run488 kept only its tail); before it the Python and
# C API tests on the bundle of bc0f05b (session 62: tensors with leading
# dimensions as rows, in the torch test too).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
echo "== python torch, numpy; the C API test (the leading dimensions as rows)"
WALSH_CACHE_DIR=none timeout 150 python3 $B/tests/python/test_walsh.py torch 2>&1 | grep -v "^ok " | tail -6
WALSH_CACHE_DIR=none timeout 60 python3 $B/tests/python/test_walsh.py numpy 2>&1 | grep -v "^ok " | tail -4
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
date -u +%H:%M:%S
echo "== python decode: the rows' kernel vs the bulk one (graph replay)"
WALSH_CACHE_DIR=none WALSH_LIBRARY=$B/lib/libwalsh.so timeout 120 python3 benchmarks/python_decode_buckets.py 2>&1 | tail -12
echo "decode rc=${PIPESTATUS[0]}"
date -u +%H:%M:%S
echo "== the GPU conformance test, as far as the device time left allows"
timeout ${CONF_S:-360} $B/tests/gpu-conformance.sh $B/bin > $OUT/conformance-run489.txt 2>&1
echo "conformance rc=$?"
echo "PASS lines: $(grep -c ' PASS ' $OUT/conformance-run489.txt)  FAIL lines: $(grep -c ' FAIL ' $OUT/conformance-run489.txt)"
grep -v " PASS " $OUT/conformance-run489.txt | tail -12
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run489.txt
