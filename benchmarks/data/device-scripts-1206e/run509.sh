#!/usr/bin/env bash
# Device run 509 (2026-12-06, session 71): scripts/fuzz.py python with
# CUDA tensors (PyTorch 2): Projection and outproj calls on the GPU
# kernels, strided and odd layouts against the same values packed; the
# Python torch and torch-cpu tests on db01e83's binding.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
for mode in torch torch-cpu; do
  echo "== python $mode"
  WALSH_LIBRARY=$B/lib/libwalsh.so WALSH_CACHE_DIR=none timeout 240 python3 tests/python/test_walsh.py $mode 2>&1 | grep -E "^FAIL|passed|failed|outproj of|outproj, b" | tail -8
done
echo "== fuzz.py python (PyTorch 2: NumPy, CPU and CUDA tensors)"
timeout 330 python3 scripts/fuzz.py python --seconds 300 --seed 101 --build $B 2>&1 | tail -16
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run509.txt
