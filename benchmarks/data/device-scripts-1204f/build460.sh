#!/usr/bin/env bash
# Kernels of device run 460 (2026-12-04), compiled on the development VM
# with 6ff20b9's walsh plus a throwaway switch (WALSH_X_AHEAD=N: the rows
# of the block N later prefetched into L2; 0: none; suffix _aN) for the
# fp32 sizes of 72-88 KB rows that now hold two blocks a multiprocessor
# (18432 and 22528 pairs over 256 threads, 20480 four positions over 256),
# beside each default (4 MB ahead: 56, 51, 46 blocks), 16384 rows.
# Usage: build460.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for d in 18432 20480 22528; do
  c "$OUT/r16384" --dtype f32 --d $d --rows 16384
  for n in 0 16 28 100 132 200; do
    WALSH_X_AHEAD=$n renamed _a$n "$OUT/r16384" --dtype f32 --d $d --rows 16384
  done
done
