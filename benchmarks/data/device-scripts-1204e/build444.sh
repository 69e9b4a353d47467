#!/usr/bin/env bash
# Kernels of device run 444 (2026-12-04), compiled on the development VM
# with 019dc0b's walsh plus a throwaway switch (WALSH_X_PARTIAL=1: the
# dense-index transpose's last round, where partial after a full one, read,
# transformed and stored only by the threads whose dense index is below m,
# instead of by all on dense index 0 clamped): fp32 defaults with a
# partial last round beside the switch's (suffix _p), at 16384 rows (and
# 6656, 7680 at 65536).
# Usage: build444.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for spec in "9216 16384" "13312 16384" "15360 16384" "18432 16384" "20480 16384" "22528 16384" "26624 16384" "28672 16384" "30720 16384" "6656 65536" "7680 65536"; do
  set -- $spec
  c "$OUT/r$2" --dtype f32 --d $1 --rows $2
  export WALSH_X_PARTIAL=1
  renamed _p "$OUT/r$2" --dtype f32 --d $1 --rows $2
  unset WALSH_X_PARTIAL
done
