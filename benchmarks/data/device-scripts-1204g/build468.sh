#!/usr/bin/env bash
# Kernels of device run 468 (2026-12-04), this session's build (the split
# layout's bf16 a and b widened by a shift and a mask): the 16-bit sizes
# still below 0.90 at 65536 rows (1280: tiles of four dense indices; 6656:
# H_m on tensor cores, 128 threads a row; 7168: the split layout on
# tensor cores) and neighbours that meet it (5632, 7680), each default
# beside its form without a and b (_noaff).
# Usage: build468.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r65536"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for t in bf16 f16; do
  for d in 1280 5632 6656 7168 7680; do
    c "$OUT/r65536" --dtype $t --d $d --rows 65536
    renamed _noaff "$OUT/r65536" --dtype $t --d $d --rows 65536 --no-affine
  done
done
# (Then, by hand: /tmp/t468conf, the conformance kernels whose PTX differs
# between `gpu-conformance.sh build/bin --compile-only` and the same with
# WALSH_X_OLDCONV=1 (the throwaway switch restoring the conversion); and
# $OUT/r16384, bf16 32768's default from each of the two as _old and _new.)
