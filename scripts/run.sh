#!/usr/bin/env bash
#===- scripts/run.sh - walsh's main job -----------------------------------===#
#
# Builds walsh, then compiles, tunes and runs the Hadamard output projection
# y = a (.) (H_d x / sqrt(d)) + b:
#  - on the GPU when a CUDA driver is present: tunes 32 heads x 128 (d =
#    4096) bf16 for batch 8 x seq 1024 and 8192 into the tuning database
#    (walsh tune --target cuda), runs batch 8 x seq 8192 with the tuned
#    configuration, checked element by element against the float64 oracle
#    and timed against a device-to-device copy (walsh run --target cuda),
#    then d = 768, 4096, 16384 side by side with the copy and the dense bf16
#    projection through cuBLAS, with decode sizes under CUDA-graph replay
#    (walsh bench --target cuda); the tuned run again with the residual add
#    and RMSNorm fused (--epilogue residual,rmsnorm), with a bhsd input,
#    split-KV decode partials, and a bf16 -> f32 output cast;
#  - on the CPU always: tunes 8 heads x 64 for batch 4 x seq 1024, runs it
#    with the tuned configuration, checked against the oracle and timed
#    against memcpy (walsh run), again with the residual add and RMSNorm
#    fused (also with a bhsd input, split-KV partials, an output cast),
#    then side by side with the dense projection
#    it replaces (OpenBLAS sgemm) and memcpy (walsh bench).
# With arguments, runs `walsh run ARGS` instead.
#
#===------------------------------------------------------------------------===#
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh >/dev/null
if [ $# -gt 0 ]; then
  exec build/bin/walsh run "$@"
fi
if ldconfig -p 2>/dev/null | grep -q 'libcuda\.so\.1'; then
  build/bin/walsh tune --target cuda --batch 8 --seq 1024,8192 --heads 32 \
    --head-dim 128 --dtype bf16
  echo
  build/bin/walsh run --target cuda --batch 8 --seq 8192 --heads 32 \
    --head-dim 128 --dtype bf16 --check
  echo
  # The same with the attention epilogue fused: residual add and RMSNorm
  # (the default configuration for fused norms; `walsh tune --epilogue`
  # tunes it under a key of its own).
  build/bin/walsh run --target cuda --batch 8 --seq 8192 --heads 32 \
    --head-dim 128 --dtype bf16 --epilogue residual,rmsnorm --check
  echo
  # The attention output as attention kernels leave it, fused into the
  # loads: [batch, heads, seq, head_dim], and 4 split-KV decode partials
  # with their log-sum-exp.
  build/bin/walsh run --target cuda --batch 8 --seq 8192 --heads 32 \
    --head-dim 128 --dtype bf16 --layout bhsd --epilogue residual,rmsnorm --check
  echo
  build/bin/walsh run --target cuda --rows 16 --heads 32 --head-dim 128 \
    --dtype bf16 --splits 4 --epilogue residual,rmsnorm --check
  echo
  # bf16 attention output into an fp32 residual stream: the output cast.
  build/bin/walsh run --target cuda --batch 8 --seq 8192 --heads 32 \
    --head-dim 128 --dtype bf16 --out-dtype f32 --epilogue residual,rmsnorm \
    --check
  echo
  build/bin/walsh bench --target cuda --sizes 768,4096,16384 --dtypes bf16 \
    --rows 16384 --decode-rows 1,16
  echo
else
  echo "(no CUDA driver here: CPU only)"
fi
build/bin/walsh tune --batch 4 --seq 1024 --heads 8 --head-dim 64 --dtype f32
echo
build/bin/walsh run --batch 4 --seq 1024 --heads 8 --head-dim 64 --dtype f32 --check
echo
build/bin/walsh tune --batch 4 --seq 1024 --heads 8 --head-dim 64 --dtype f32 \
  --epilogue residual,rmsnorm
build/bin/walsh run --batch 4 --seq 1024 --heads 8 --head-dim 64 --dtype f32 \
  --epilogue residual,rmsnorm --check
echo
build/bin/walsh run --batch 4 --seq 1024 --heads 8 --head-dim 64 --dtype f32 \
  --layout bhsd --epilogue residual,rmsnorm --check
echo
build/bin/walsh run --rows 16 --heads 8 --head-dim 64 --dtype f32 --splits 4 \
  --epilogue residual,rmsnorm --check
echo
build/bin/walsh run --batch 4 --seq 1024 --heads 8 --head-dim 64 --dtype bf16 \
  --out-dtype f32 --epilogue residual,rmsnorm --check
echo
build/bin/walsh bench --sizes 1024,4096 --dtypes f32 --mb 64 --threads "$(nproc)"
