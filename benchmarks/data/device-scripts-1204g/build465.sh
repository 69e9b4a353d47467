#!/usr/bin/env bash
# Kernels of device run 465 (2026-12-04): the split layout's m-point stage
# on tensor cores (16-bit 9216 ... 30720 at 16384 rows), its affine through
# a throwaway switch WALSH_X_AFF in MmaKernel.cpp's splitDenseStageMma
# (bit 1: bf16 a and b widened by a shift and a mask instead of cvt; bit 2:
# the item's a and b words loaded from shared memory before its products);
# the defaults of d8b36fa (no suffix: build464.sh's kernels, copied over) beside _x1 and _x3 (bf16), _x2
# (f16).
# Usage: build465.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for d in 9216 11264 13312 14336 15360 18432 22528 26624 28672 30720; do
  WALSH_X_AFF=0 c "$OUT/r16384" --dtype bf16 --d $d --rows 16384
  for x in 1 3; do WALSH_X_AFF=$x renamed _x$x "$OUT/r16384" --dtype bf16 --d $d --rows 16384; done
done
for d in 22528 30720; do
  WALSH_X_AFF=0 c "$OUT/r16384" --dtype f16 --d $d --rows 16384
  WALSH_X_AFF=2 renamed _x2 "$OUT/r16384" --dtype f16 --d $d --rows 16384
done
