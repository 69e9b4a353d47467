#!/usr/bin/env bash
# Device run 506 (2026-12-06, session 70): this session's bundle. No kernel
# changed: the stage made on request through one function (stageText) for
# walsh inspect, Jit::gpuStage and the C API, with a real cuobjdump; the
# Python binding's argument names, copies (deepcopy and torch.save of a
# module holding a Projection, on CUDA) and refusals, in the torch and
# NumPy tests; the C API test; a few checked runs.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
lscpu | grep -E "Model name|^CPU\(s\)"; uname -r
walsh --version | head -3
echo "== walsh inspect --stage sass (stageText)"
WALSH_CACHE_DIR=none walsh inspect --target cuda --d 4096 --dtype bf16 --stage sass | grep -cE "^\s+/\*[0-9a-f]{4}\*/"
WALSH_CACHE_DIR=none walsh inspect --target cuda --d 4096 --dtype bf16 --stage sass | grep -m3 -E "Function|arch"
WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none walsh inspect --target cuda --d 256 --stage sass; echo "[no ptxas: status $?]"
echo "== unit tests (Jit stages, locale)"
.device/walsh-unit-tests --gtest_filter='*Stage*:DecimalComma*:RunProgram*' 2>&1 | grep -E "^\[  (PASSED|FAILED|SKIPPED) |FAILED" | head -20
echo "== checked runs"
for a in "--d 4096 --dtype bf16 --rows 65536" "--d 768 --dtype f16 --rows 16384" "--d 7168 --dtype bf16 --rows 65536" "--d 30720 --rows 16384" "--d 4096 --dtype bf16 --rows 16 --epilogue residual,rmsnorm"; do WALSH_CACHE_DIR=none walsh run --target cuda $a --check 2>&1 | grep -E "check|error" | tr -s ' ' | tr '\n' ' '; echo " [$a]"; done
date -u +%H:%M:%S
echo "== python torch, numpy; the C API test"
WALSH_CACHE_DIR=none timeout 200 python3 $B/tests/python/test_walsh.py torch 2>&1 | grep -E "sass|Projection|^FAIL|passed|failed|note|Error" | tail -12
WALSH_CACHE_DIR=none timeout 90 python3 $B/tests/python/test_walsh.py numpy 2>&1 | grep -v "^ok " | tail -4
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run506.txt
