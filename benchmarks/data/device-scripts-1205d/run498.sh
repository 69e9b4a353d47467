#!/usr/bin/env bash
# Device run 498 (2026-12-05, session 66): 46545df's bundle (session 65's
# soname libwalsh.so.0.1, exit statuses, stdout failures, never run on a
# GPU): the tools' statuses with the real driver, the Python (torch, numpy)
# and C API tests; walsh bench --json sweeps for benchmarks/plot.py. The
# whole conformance test is run499.sh, on the same machine.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
lscpu | grep -E "Model name|^CPU\(s\)"
walsh --version | head -4; ls -la $B/lib | grep walsh
echo "== statuses with the real driver"
WALSH_CACHE_DIR=none walsh run --target cuda --d 256 --rows 64 --check > /tmp/o.txt; echo "run --check: status $? $(grep -c PASS /tmp/o.txt) PASS"
WALSH_CACHE_DIR=none walsh run --target cuda --d 1024 --dtype bf16 --elems-per-thread 3 --rows 64; echo "run, a refused config: status $?"
WALSH_CACHE_DIR=none walsh inspect --target cuda --d 1024 --dtype bf16 --elems-per-thread 3 --stage ptx > /dev/null; echo "inspect, a refused config: status $?"
WALSH_CACHE_DIR=none walsh run --target cuda --d 256 --rows 64 --json > /dev/full; echo "run --json > /dev/full: status $?"
WALSH_CACHE_DIR=none walsh-gpu --version > /dev/full; echo "walsh-gpu --version > /dev/full: status $?"
date -u +%H:%M:%S
echo "== python torch, numpy; the C API test"
WALSH_CACHE_DIR=none timeout 150 python3 $B/tests/python/test_walsh.py torch 2>&1 | grep -v "^ok " | tail -6
WALSH_CACHE_DIR=none timeout 60 python3 $B/tests/python/test_walsh.py numpy 2>&1 | grep -v "^ok " | tail -4
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
date -u +%H:%M:%S
echo "== walsh bench --json: 16-bit d 256 ... 32768 at 16384 rows, every dtype 256 ... 8192 at 65536"
WALSH_CACHE_DIR=/tmp/wc498 timeout 200 walsh bench --target cuda --decode-rows none --sizes 256-32768 --dtypes bf16,f16 --rows 16384 --json > $OUT/bench-16384-run498.json; echo "status $?"
WALSH_CACHE_DIR=/tmp/wc498 timeout 200 walsh bench --target cuda --decode-rows none --sizes 256-8192 --dtypes bf16,f16,f32 --rows 65536 --json > $OUT/bench-65536-run498.json; echo "status $?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run498.txt
