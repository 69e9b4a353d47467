#!/usr/bin/env bash
# NOT RUN: no machine was lent at 20:57, 21:05, 21:17 and 21:29 UTC (each failed
# start took 3 minutes of device time); run516 is its shortest part.
# Device run 515 (2026-12-06, session 73): 270dd93's bundle (the library
# with launch refusals naming stats; fuzz.py as of this commit): fuzz.py python with PyTorch 2
# on CUDA (a or b inside out's rows, which must be refused there too;
# refusals naming out), then fuzz.py capi on another seed
# (walsh_check_spec against the compile; stage texts and sources on CUDA
# kernels, sass included); the Python torch test (its dtype checks in one
# function since this commit).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
echo "== python torch"
WALSH_LIBRARY=$B/lib/libwalsh.so WALSH_CACHE_DIR=none timeout 240 python3 tests/python/test_walsh.py torch 2>&1 | grep -E "^FAIL|cuda:0 .* d=|passed|failed" | tail -12
echo "== fuzz.py python (NumPy, CPU and CUDA tensors)"
WALSH_LIBRARY=$B/lib/libwalsh.so timeout 100 python3 scripts/fuzz.py python --seconds 75 --seed 125 --build $B 2>&1 | tail -16
date -u +%H:%M:%S
echo "== fuzz.py capi (CUDA and CPU children)"
timeout 80 python3 scripts/fuzz.py capi --seconds 60 --seed 126 --build $B 2>&1 | tail -6
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run515.txt
