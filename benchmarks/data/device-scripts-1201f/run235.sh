#!/usr/bin/env bash
# Device run 235 (2026-12-01): the Python binding (python/walsh.py) on
# PyTorch tensors on the H200: tests/python/test_walsh.py torch (bf16, f16,
# f32 against float64, a side stream, a CUDA graph, the errors) and numpy;
# (again with the fused epilogue in the binding: every launch through
# walsh_launch_fused, and a bf16 residual + RMSNorm check; before: five questions to a tensor, strides always given, and the
# timing over 20 calls back to back; before: the binding packs its DLTensors with struct instead of
# ctypes structures: run232 took 49 us of host time a call), then a
# PyTorch-side timing: walsh's projection through the binding against
# torch.nn.functional.linear (cuBLAS) and a copy, CUDA events, same process.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
python3 -c 'import torch, numpy; print("torch", torch.__version__, "numpy", numpy.__version__)'
echo "== test_walsh.py torch"
python3 /tmp/walsh-bundle/tests/python/test_walsh.py torch; echo "rc=$?"
echo "== test_walsh.py numpy"
python3 /tmp/walsh-bundle/tests/python/test_walsh.py numpy | tail -2; echo "rc=$?"
echo "== timing through the binding"
python3 benchmarks/data/device-scripts-1201f/torch_timing.py
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run235.txt
