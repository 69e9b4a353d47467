#!/usr/bin/env bash
# Device run 508 (2026-12-06, session 71): run507 (never run: no machine)
# on this session's bundle, and scripts/fuzz.py python on PyTorch 2. No
# kernel changed: the Python tests after autograd_checks took a device
# (torch on CUDA, and torch-cpu: PyTorch 2's CPU tensors with the
# registered operator and torch.compile, which CI's PyTorch 1.13 lacks),
# NumPy and the C API test; a Projection call refusing a tensor that
# requires grad (outproj through _launch on PyTorch 2).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
python3 -c "import torch; print('PyTorch', torch.__version__)"
walsh --version | head -1
for mode in torch torch-cpu numpy; do
  echo "== python $mode"
  WALSH_CACHE_DIR=none timeout 240 python3 $B/tests/python/test_walsh.py $mode 2>&1 | grep -E "^FAIL|passed|failed|note|Error|torch.compile|torch.ops|deepcopy|skipped|requires grad|kernel calls" | tail -14
done
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -1
echo "== fuzz.py python (PyTorch 2's CPU tensors)"
timeout 200 python3 scripts/fuzz.py python --seconds 150 --seed 95 --build $B 2>&1 | tail -8
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run508.txt
