#!/usr/bin/env bash
# Kernels of device run 450 (2026-12-04), compiled on the development VM
# with e3c5723's walsh plus build448.sh's throwaway switch (WALSH_X_AHEAD=N:
# the rows prefetched into L2 N blocks ahead instead of 4 MB ahead): the
# fp32 rows past 96 KB at 16384 rows at 2 MB ahead (26624: 19 blocks,
# 28672: 18, 30720: 17, 32768: 16) beside each default (39, 36, 34, 32).
# Usage: build450.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for spec in "26624 19" "28672 18" "30720 17" "32768 16"; do
  set -- $spec
  c "$OUT/r16384" --dtype f32 --d $1 --rows 16384
  export WALSH_X_AHEAD=$2
  renamed _a$2 "$OUT/r16384" --dtype f32 --d $1 --rows 16384
  unset WALSH_X_AHEAD
done
