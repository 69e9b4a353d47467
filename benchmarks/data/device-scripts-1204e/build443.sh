#!/usr/bin/env bash
# Kernels of device run 443 (2026-12-04), compiled on the development VM
# with build441.sh's experiment walsh (the same throwaway switches): H_m
# in row blocks of other sizes (suffix _bB; dD the deferred lane levels)
# beside each default: fp32 15360 and 30720 at 16384 rows (13312 and
# 26624 timed too); 3840, 6656,
# 7680 at 65536 rows.
# Usage: build443.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
v() { # v ROWS B D M d: one variant (D, M empty: the default's)
  local rows=$1 B=$2 D=$3 M=$4 d=$5 s=_b$2
  [ -n "$D" ] && s=${s}d$D
  [ -n "$M" ] && s=${s}m$M
  export WALSH_X_ROWBLOCKS=$B
  if [ -n "$D" ]; then export WALSH_X_D=$D; fi
  if [ -n "$M" ]; then export WALSH_X_MINCTA=$M; fi
  renamed $s "$OUT/r$rows" --dtype f32 --d $d --rows $rows
  unset WALSH_X_ROWBLOCKS WALSH_X_D WALSH_X_MINCTA
}
for d in 13312 15360 26624 30720; do c "$OUT/r16384" --dtype f32 --d $d --rows 16384; done
for d in 3840 6656 7680; do c "$OUT/r65536" --dtype f32 --d $d --rows 65536; done
for B in 5 6 10 15; do v 16384 $B "" "" 30720; done; v 16384 10 0 "" 30720
for B in 5 6 10 12 15; do v 16384 $B "" "" 15360; done
v 65536 10 "" "" 7680; v 65536 10 "" "" 3840; v 65536 13 "" "" 6656
