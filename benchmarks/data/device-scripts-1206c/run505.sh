#!/usr/bin/env bash
# Device run 505 (2026-12-06, session 69): 9164e73's bundle. The CPU
# kernels through the memfd path (walsh/Runtime/JitMemory.h) on the GPU
# host's CPU: in a W^X process (prctl PR_SET_MDWE) and forced by
# WALSH_JIT_MEMORY=memfd beside the default path in one process each, the
# unit tests (JitMemory, RunProgram); the Python binding's SASS stage
# (cuobjdump there) in the torch test; the Python and C API tests.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
lscpu | grep -E "Model name|^CPU\(s\)"; uname -r
walsh --version | head -3
echo "== unit tests"
.device/walsh-unit-tests --gtest_filter='JitMemory*:RunProgram*' 2>&1 | grep -E "^\[  (PASSED|FAILED|SKIPPED) |OK \]|FAILED" | head -20
echo "== W^X process (prctl PR_SET_MDWE): CPU kernels"
python3 tests/tools/Inputs/mdwe.py true && echo "mdwe available"
for a in "--d 4096 --rows 65536" "--d 30720 --dtype bf16 --rows 4096" "--d 1024 --rows 262144 --threads 16"; do WALSH_CACHE_DIR=none python3 tests/tools/Inputs/mdwe.py walsh run $a --check 2>&1 | grep -E "walsh |check|error" | tr -s ' ' | tr '\n' ' '; echo " [mdwe $a status ${PIPESTATUS[0]}]"; done
WALSH_CACHE_DIR=none WALSH_JIT_MEMORY=mprotect python3 tests/tools/Inputs/mdwe.py walsh run --d 1024 --rows 64 2>&1 | tail -1; echo "[llvm's memory under mdwe: status ${PIPESTATUS[0]}]"
echo "== the same kernels, default memory vs memfd, one thread (fraction of memcpy)"
for m in mprotect memfd mprotect memfd; do for dr in 4096:16384 16384:4096; do d=${dr%:*}; WALSH_CACHE_DIR=none WALSH_JIT_MEMORY=$m walsh run --d $d --rows ${dr#*:} --threads 1 --json 2>/dev/null | python3 -c "import json,sys; j=json.load(sys.stdin); print('$m', j['d'], j['rows'], round(j['time_us'],1), round(j['roofline_fraction'],3))"; done; done
date -u +%H:%M:%S
echo "== python torch (the sass stage), numpy; the C API test"
WALSH_CACHE_DIR=none timeout 150 python3 $B/tests/python/test_walsh.py torch 2>&1 | grep -E "sass|^FAIL|passed|failed" | tail -6
WALSH_CACHE_DIR=none timeout 60 python3 $B/tests/python/test_walsh.py numpy 2>&1 | grep -v "^ok " | tail -3
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run505.txt
