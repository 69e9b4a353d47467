#!/usr/bin/env bash
# Kernels of device run 461 (2026-12-04): build460.sh's switch
# (WALSH_X_AHEAD=N, suffix _aN) at more distances around run460's best,
# fp32 18432, 20480, 22528 at 16384 rows, and 18432 at 65536 rows.
# Usage: build461.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
a() { # a rows d N...
  local r=$1 d=$2; shift 2
  c "$OUT/r$r" --dtype f32 --d $d --rows $r
  for n in "$@"; do
    WALSH_X_AHEAD=$n renamed _a$n "$OUT/r$r" --dtype f32 --d $d --rows $r
  done
}
a 16384 18432 8 12 16 20 24
a 16384 20480 12 16 20 24 28 36
a 16384 22528 8 12 16 20 24
a 65536 18432 12 16 20
