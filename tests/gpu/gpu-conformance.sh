#!/usr/bin/env bash
# GPU conformance (ctest label `gpu`): compiles a matrix of kernels and runs
# them with walsh-gpu, which checks every element of a poisoned output
# against the float64 oracle. Exits 77 (skipped, with the reason printed)
# where there is no GPU.
set -euo pipefail
bin="$1"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for dtype in f32 f16 bf16; do
  for d in 1 128 768 1024 4096 5120 32768; do
    "$bin/walsh" compile --target cuda --d "$d" --dtype "$dtype" --out "$out" >/dev/null
  done
  "$bin/walsh" compile --target cuda --d 768 --dtype "$dtype" --transpose --out "$out" >/dev/null
  "$bin/walsh" compile --target cuda --d 4096 --dtype "$dtype" --no-affine --out "$out" >/dev/null
done
exec "$bin/walsh-gpu" "$out" --rows 4096 --check-rows 257 --iters 3
