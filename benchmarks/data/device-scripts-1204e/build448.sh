#!/usr/bin/env bash
# Kernels of device run 448 (2026-12-04), compiled on the development VM
# with e3c5723's walsh plus a throwaway switch (WALSH_X_AHEAD=N: the rows
# prefetched into L2 N blocks ahead instead of 4 MB ahead): the fp32 sizes
# past 8192 held at one block a multiprocessor (132 resident blocks, so 4
# MB ahead, 40-56 blocks of their 72-120 KB rows, falls inside the wave
# already running), at 16384 rows, each default beside N = 132, 198, 264
# (suffix _aN).
# Usage: build448.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for d in 18432 20480 22528 26624 28672 30720; do
  c "$OUT/r16384" --dtype f32 --d $d --rows 16384
  for n in 132 198 264; do
    export WALSH_X_AHEAD=$n
    renamed _a$n "$OUT/r16384" --dtype f32 --d $d --rows 16384
    unset WALSH_X_AHEAD
  done
done
