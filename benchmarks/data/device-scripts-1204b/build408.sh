#!/usr/bin/env bash
# Kernels of device run 408 (2026-12-04), compiled on the development VM
# with f9e13f0's walsh (fp32 rows in the split layout on tensor cores as
# cross_warp = mma): at 30720 and 26624, the new default (for 16384 rows),
# the other g (two dense indices a warp), the default's twin with the rows
# two grids ahead in L2 ('row_iters' 2), and the old default (the sign
# program, 60 / 52 values over 512 threads), given by its configuration.
# Usage: build408.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT"
c() { "$BIN/walsh" compile --target cuda --dtype f32 "$@" --out "$OUT" >/dev/null; }
s32="--cross-warp mma --vector-width 4 --rows-per-block 1"
for spec in "30720 480 960 60" "26624 416 832 52"; do
  set -- $spec
  d=$1 t4=$2 t2=$3 m=$4
  c --d "$d" --rows 16384
  c --d "$d" $s32 --threads-per-row "$t2" --elems-per-thread 32
  c --d "$d" $s32 --threads-per-row "$t4" --elems-per-thread 64 --row-iters 2
  c --d "$d" --cross-warp shared --vector-width 1 --rows-per-block 1 \
    --threads-per-row 512 --elems-per-thread "$m"
done
