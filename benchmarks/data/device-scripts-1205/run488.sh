#!/usr/bin/env bash
# Device run 488 (2026-12-05; not run in sessions 59 and 60, no machine
# lent), the final bundle (f16 7168's new default, the Python binding's
# rows buckets and its version test's fix; session 60: the x-type error
# and walsh_check_spec in the Python and C API tests, JSON errors):
# `walsh bench` at 7168 (bf16, f16; 65536 and 16384 rows; two passes); the
# Python tests (torch, numpy); the C API test; a --json error with the
# real driver; what the rows buckets buy at decode rows
# (benchmarks/python_decode_buckets.py); then the whole GPU conformance
# test.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
echo "== walsh bench 7168"
for pass in 1 2; do
  for rows in 65536 16384; do
    WALSH_CACHE_DIR=/tmp/wc488 timeout 60 walsh bench --target cuda --sizes 7168 --dtypes bf16,f16 --rows $rows --decode-rows none 2>&1 | grep -E "^(bf16|f16) " | head -4
  done
done
echo "== python torch"
WALSH_CACHE_DIR=none timeout 150 python3 $B/tests/python/test_walsh.py torch 2>&1 | grep -v "^ok " | tail -10
echo "== python numpy"
WALSH_CACHE_DIR=none timeout 60 python3 $B/tests/python/test_walsh.py numpy 2>&1 | grep -v "^ok " | tail -6
echo "== capi"
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
echo "== a --json error on the GPU (stdout's one object)"
WALSH_CACHE_DIR=none walsh run --target cuda --d 100 --json 2>/dev/null
echo "== python decode: the rows' kernel vs the bulk one (graph replay)"
WALSH_CACHE_DIR=none WALSH_LIBRARY=$B/lib/libwalsh.so timeout 90 python3 benchmarks/python_decode_buckets.py 2>&1 | tail -12
date -u +%H:%M:%S
echo "== the whole GPU conformance test"
timeout 380 $B/tests/gpu-conformance.sh $B/bin 2>&1 | tail -15
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-final-run488.txt
