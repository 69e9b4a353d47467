#!/usr/bin/env bash
# Kernels of device run 437 (2026-12-04), compiled on the development VM
# with 17c5942's walsh: fp32 1664 and 1920 (52 and 60 x 32: H_m on tensor
# cores, one warp a row), whose defaults are 8 rows a block with (1664)
# and without (1920) the rows two grids ahead in L2 ('row_iters' 2),
# beside 4 and 8 rows a block with and without the prefetch (run436's `walsh tune` took 4 rows without it at 1664,
# 16384 rows: 1.06 x), at 16384 and 65536 rows.
# Usage: build437.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
. "$(dirname "$0")/lib.sh"
for rows in 16384 65536; do
  for spec in "1664 52" "1920 60"; do
    set -- $spec
    c "$OUT/r$rows" --dtype f32 --d $1 --rows $rows
    for r in 4 8; do
      for i in 1 2; do
        # (The default's own configuration: 1664's is r8 i2, 1920's r8 i1.)
        [ $r = 8 ] && [ $i = 2 ] && [ $1 = 1664 ] && continue
        [ $r = 8 ] && [ $i = 1 ] && [ $1 = 1920 ] && continue
        c "$OUT/r$rows" --dtype f32 --d $1 --elems-per-thread $2 --threads-per-row 32 --rows-per-block $r --vector-width 2 --cross-warp mma --row-iters $i
      done
    done
  done
done
