#!/usr/bin/env bash
# Kernels of device run 452 (2026-12-04), compiled on the development VM
# with 31798ea's walsh plus build448.sh's throwaway switch (WALSH_X_AHEAD=N:
# the rows prefetched into L2 N blocks ahead): fp32 24576 (12 x 2048, the
# split layout through transposes, 768 threads, 96 KB rows: 4 MB ahead =
# 42 blocks) and 16384 (64 KB: 64 blocks) at 32 and 48, at 16384 rows, each
# default beside N = 10, 16, 21, 28 for 24576 (suffix _aN).
# Usage: build452.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for spec in "24576 10 16 21 28" "16384 32 48"; do
  set -- $spec
  d=$1; shift
  c "$OUT/r16384" --dtype f32 --d $d --rows 16384
  for n in "$@"; do
    export WALSH_X_AHEAD=$n
    renamed _a$n "$OUT/r16384" --dtype f32 --d $d --rows 16384
    unset WALSH_X_AHEAD
  done
done
