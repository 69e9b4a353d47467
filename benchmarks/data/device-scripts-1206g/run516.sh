#!/usr/bin/env bash
# Device run 516 (2026-12-06, session 73): run515 cut to what little device
# time was left: 270dd93's bundle (as run515's), the Python torch test (its dtype checks
# in one function since dc590ff, run on CUDA tensors only here), then
# fuzz.py capi briefly (CUDA and CPU children).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
echo "== python torch"
WALSH_LIBRARY=$B/lib/libwalsh.so WALSH_CACHE_DIR=none timeout 60 python3 tests/python/test_walsh.py torch 2>&1 | grep -E "^FAIL|cuda:0 .* d=|passed|failed" | tail -12
date -u +%H:%M:%S
echo "== fuzz.py capi (CUDA and CPU children)"
timeout 50 python3 scripts/fuzz.py capi --seconds 36 --seed 126 --build $B 2>&1 | tail -4
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run516.txt
