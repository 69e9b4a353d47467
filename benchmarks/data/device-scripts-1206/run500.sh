#!/usr/bin/env bash
# Device run 500 (2026-12-06, session 67): 1741805's bundle. This session's
# changes with a real driver: the out-of-memory handler in walsh-gpu and
# walsh, the compiler's second thread through walsh::runAsync (ptxas beside
# the stages' printing), the Python binding's WALSH_LIBRARY (the torch test
# runs version_checks too); the tools under address-space limits with the
# CUDA driver loaded; the C API test.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
lscpu | grep -E "Model name|^CPU\(s\)"
walsh --version | head -4
echo "== the CUDA path with a real driver"
WALSH_CACHE_DIR=none walsh run --target cuda --d 4096 --dtype bf16 --rows 16384 --check > /tmp/o.txt; echo "run --check: status $? $(grep -c PASS /tmp/o.txt) PASS"; grep -E "compile|walsh |roofline" /tmp/o.txt
for d in 768 4096 16384 30720; do WALSH_CACHE_DIR=none walsh compile --target cuda --d $d --dtype bf16 --out /tmp/cc500 --json | grep -E '"compile_ms"|"cubin"' | tr -d '\n'; echo " d=$d status $?"; done
ls /tmp/cc500 | head -20
echo "== address-space limits (ulimit -v) with the driver"
for kb in 1000000 4000000 16000000 64000000; do (ulimit -v $kb; WALSH_CACHE_DIR=none walsh run --target cuda --d 256 --rows 64 --check 2>&1 | tail -2 | cut -c1-300; echo "ulimit -v $kb: walsh run status ${PIPESTATUS[0]}"); done
for kb in 1000000 4000000 16000000 64000000; do (ulimit -v $kb; walsh-gpu /tmp/cc500 --rows 256 2>&1 | tail -2 | cut -c1-300; echo "ulimit -v $kb: walsh-gpu status ${PIPESTATUS[0]}"); done
WALSH_CACHE_DIR=none timeout 200 python3 tests/tools/Inputs/address-space-sweep.py $B/bin/walsh run --target cuda --d 4096 --rows 2000 --check 2>&1 | tail -12 | cut -c1-300
echo "== the CPU kernel under ulimit -s 128 (compiled first without it)"
WALSH_CACHE_DIR=/tmp/wc500 walsh run --d 65536 --rows 4 --threads 1 > /dev/null
for t in 1 16; do bash -c "ulimit -s 128; WALSH_CACHE_DIR=/tmp/wc500 walsh run --d 65536 --rows 64 --threads $t --check 2>&1 | tail -1; echo threads $t status \${PIPESTATUS[0]}"; done
date -u +%H:%M:%S
echo "== python torch, numpy; the C API test"
WALSH_CACHE_DIR=none timeout 150 python3 $B/tests/python/test_walsh.py torch 2>&1 | grep -v "^ok " | tail -6
WALSH_CACHE_DIR=none timeout 60 python3 $B/tests/python/test_walsh.py numpy 2>&1 | grep -v "^ok " | tail -4
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run500.txt
