#!/usr/bin/env bash
# Device run 501 (2026-12-06, session 68): 99998cd's bundle. This session's
# changes with a real driver: compiles moved off a thread with too little
# stack (walsh, walsh-opt commands under `ulimit -s 64`; the compiler's
# second thread, ptxas's, on a large stack), the CUDA run and the CPU
# kernel under small stacks; then the Python, C API tests.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
lscpu | grep -E "Model name|^CPU\(s\)"
walsh --version | head -4
echo "== the CUDA path with a real driver, default stack"
WALSH_CACHE_DIR=none walsh run --target cuda --d 4096 --dtype bf16 --rows 16384 --check > /tmp/o.txt; echo "run --check: status $? $(grep -c PASS /tmp/o.txt) PASS"; grep -E "compile|walsh |roofline" /tmp/o.txt
echo "== under ulimit -s 64 (compiles on a thread of their own)"
for a in "--d 4096 --dtype bf16" "--d 32768" "--d 30720 --dtype bf16" "--d 13312 --dtype f16"; do bash -c "ulimit -s 64; WALSH_CACHE_DIR=none walsh run --target cuda $a --rows 4096 --check 2>&1 | grep -E 'compile|check|error' | cut -c1-200; echo \"cuda $a status \${PIPESTATUS[0]}\""; done
for a in "--d 4096 --dtype bf16" "--d 30720 --dtype bf16"; do bash -c "ulimit -s 64; WALSH_CACHE_DIR=none walsh compile --target cuda $a --out /tmp/cc501 --json | grep -E '\"cubin\"' | tr -d '\n'; echo \" compile $a status \${PIPESTATUS[0]}\""; done
bash -c "ulimit -s 64; walsh-gpu /tmp/cc501 --rows 4096 2>&1 | tail -3; echo walsh-gpu status \${PIPESTATUS[0]}"
for t in 1 16; do bash -c "ulimit -s 64; WALSH_CACHE_DIR=none walsh run --d 30720 --rows 256 --threads $t --check 2>&1 | grep -E 'compile|check'; echo cpu threads $t status \${PIPESTATUS[0]}"; done
date -u +%H:%M:%S
echo "== python torch, numpy; the C API test"
WALSH_CACHE_DIR=none timeout 150 python3 $B/tests/python/test_walsh.py torch 2>&1 | grep -v "^ok " | tail -6
WALSH_CACHE_DIR=none timeout 60 python3 $B/tests/python/test_walsh.py numpy 2>&1 | grep -v "^ok " | tail -4
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run501.txt
