#!/usr/bin/env bash
# Kernels of device run 473 (2026-12-04): f16 rows to f16 in the split
# layouts on tensor cores (f16Hi: stage 2 takes Y / 16 as one f16 piece),
# stage 1's A fragments ±1/16 (0x2C00) so that the mma gives Y / 16 itself
# (new: at every size, as timed here; kept afterwards at 14336, 15360,
# 24576 and 32768 only, MmaKernel.cpp's stage1Sixteenth) against ±1 and a
# multiply by 1/16 before the pack (old: 973a30f), the f16 defaults at
# 16384 rows of 4096 ... 32768 that take those layouts, each compiled by
# both builds (_old, _new).
# Usage: build473.sh OLD_BIN NEW_BIN OUTDIR
set -eu
OLD=$1 NEW=$2 OUT=$3
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for d in 4096 6144 7168 8192 9216 10240 11264 12288 13312 14336 15360 16384 18432 20480 22528 24576 26624 28672 30720 32768; do
  BIN=$OLD renamed _old "$OUT/r16384" --dtype f16 --d $d --rows 16384
  BIN=$NEW renamed _new "$OUT/r16384" --dtype f16 --d $d --rows 16384
done
