#!/usr/bin/env bash
#===- scripts/run.sh - walsh's main job -----------------------------------===#
#
# Builds walsh, then compiles and runs the Hadamard output projection
# y = a (.) (H_d x / sqrt(d)) + b on this machine's CPU (the GPU backend is
# issue 4): once checked element by element against the float64 oracle and
# timed against a memcpy of the same bytes, then side by side with the dense
# projection it replaces (OpenBLAS sgemm). With arguments, runs
# `walsh run ARGS` instead (for example --d 768 --rows 4096 --dtype bf16).
#
#===------------------------------------------------------------------------===#
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh >/dev/null
if [ $# -gt 0 ]; then
  exec build/bin/walsh run "$@"
fi
build/bin/walsh run --d 4096 --rows 16384 --dtype bf16 --check
echo
build/bin/walsh bench --sizes 1024,4096 --dtypes f32 --mb 64 --threads "$(nproc)"
