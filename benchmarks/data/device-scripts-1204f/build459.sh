#!/usr/bin/env bash
# Kernels of device run 459 (2026-12-04), compiled on the development VM
# with 2e7449c's walsh plus a throwaway switch (WALSH_X_STAGE: in fp32
# kernels of the dense-index transpose with one or two positions a thread,
# one row a block, the row goes to the exchange buffer by 16-byte cp.async
# copies, a barrier, each thread reads its values from there, a barrier;
# suffix _st) beside each default, 16384 rows.
# Usage: build459.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for d in 10240 13312 15360 18432 22528 26624 28672 30720; do
  c "$OUT/r16384" --dtype f32 --d $d --rows 16384
  WALSH_X_STAGE=1 renamed _st "$OUT/r16384" --dtype f32 --d $d --rows 16384
done
