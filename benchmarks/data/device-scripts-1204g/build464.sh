#!/usr/bin/env bash
# Kernels of device run 464 (2026-12-04), d8b36fa's walsh, no switch: the
# 16-bit defaults at 16384 rows that take the split layout with H_m on
# tensor cores (vector_width 8), each with a and b (the default) and
# without (_noaff), bf16 and f16 at 22528 and 30720.
# Usage: build464.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for d in 9216 11264 13312 14336 15360 18432 22528 26624 28672 30720; do
  c "$OUT/r16384" --dtype bf16 --d $d --rows 16384
  renamed _noaff "$OUT/r16384" --dtype bf16 --d $d --rows 16384 --no-affine
done
for d in 22528 30720; do
  c "$OUT/r16384" --dtype f16 --d $d --rows 16384
  renamed _noaff "$OUT/r16384" --dtype f16 --d $d --rows 16384 --no-affine
done
