#!/usr/bin/env bash
#===- scripts/run.sh - walsh's main job -----------------------------------===#
#
# Builds walsh, then compiles the Hadamard output projection for d = 768
# (a 12-point factor and six radix-2 stages) and checks it against the
# float64 O(d^2) reference. Arguments go to `walsh stages` (for example
# --d 4096, --heads 32 --head-dim 128, --transpose, --json).
#
#===------------------------------------------------------------------------===#
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh >/dev/null
if [ $# -eq 0 ]; then
  set -- --d 768
fi
exec build/bin/walsh stages "$@"
