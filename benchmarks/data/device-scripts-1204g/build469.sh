#!/usr/bin/env bash
# Kernels of device run 469 (2026-12-04): H_m on tensor cores' bf16
# tables of a and b (HmMmaKernel.cpp, tables16: the defaults at 5632,
# 6656, 7680) widened by a shift and a mask (this build, no suffix) beside
# the conversion (_old: the throwaway WALSH_X_OLDCONV), bf16 at 65536 and
# 16384 rows, each compiled twice under other names (_r2) so that one
# process times each form twice; and (split/) the split layout's m-point
# stage on tensor cores (16-bit 9216 ... 30720 at 16384 rows) storing
# each lane's 4-byte pairs straight from the accumulators (_d: the
# throwaway WALSH_X_DIRECT) instead of through the warp's staging area
# (stmatrix, then 16-byte stores), beside the default.
# Usage: build469.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r65536" "$OUT/r16384" "$OUT/split"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for r in 65536 16384; do
  for d in 5632 6656 7680; do
    c "$OUT/r$r" --dtype bf16 --d $d --rows $r
    renamed _r2 "$OUT/r$r" --dtype bf16 --d $d --rows $r
    WALSH_X_OLDCONV=1 renamed _old "$OUT/r$r" --dtype bf16 --d $d --rows $r
    WALSH_X_OLDCONV=1 renamed _old_r2 "$OUT/r$r" --dtype bf16 --d $d --rows $r
  done
done
for d in 9216 11264 13312 14336 15360 18432 22528 26624 28672 30720; do
  c "$OUT/split" --dtype bf16 --d $d --rows 16384
  WALSH_X_DIRECT=1 renamed _d "$OUT/split" --dtype bf16 --d $d --rows 16384
done
for d in 9216 22528; do
  c "$OUT/split" --dtype f16 --d $d --rows 16384
  WALSH_X_DIRECT=1 renamed _d "$OUT/split" --dtype f16 --d $d --rows 16384
done
