#!/usr/bin/env bash
# Device run 247 (2026-12-01): the Python binding's PyTorch operator
# (walsh::outproj: autograd, OutputProjection, torch.compile) on the H200:
# tests/python/test_walsh.py torch, twice.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
python3 -c 'import torch; print("torch", torch.__version__)'
for i in 1 2; do
  WALSH_TEST_SEED=$i python3 /tmp/walsh-bundle/tests/python/test_walsh.py torch 2>&1 | tail -16; echo "rc=$?"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run247.txt
