#!/usr/bin/env bash
# Kernels of device run 441 (2026-12-04), compiled on the development VM
# with the experiment's walsh (c20e471 plus throwaway switches:
# WALSH_X_ROWBLOCKS=B runs H_m's sign program as B row blocks, each
# block's outputs stored into the dense-index transpose's exchange buffer
# as made; WALSH_X_D=D the deferred lane levels; WALSH_X_MINCTA=N the
# kernel's minimum blocks a multiprocessor): fp32 rows past 8192 at 16384
# rows, each default beside its variants (suffix _bB, dD, mN).
# Usage: build441.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
v() { # v B D M d: one variant (D, M empty: the default's)
  local B=$1 D=$2 M=$3 d=$4 s=_b$1
  [ -n "$D" ] && s=${s}d$D
  [ -n "$M" ] && s=${s}m$M
  export WALSH_X_ROWBLOCKS=$B
  if [ -n "$D" ]; then export WALSH_X_D=$D; fi
  if [ -n "$M" ]; then export WALSH_X_MINCTA=$M; fi
  renamed $s "$OUT/r16384" --dtype f32 --d $d --rows 16384
  unset WALSH_X_ROWBLOCKS WALSH_X_D WALSH_X_MINCTA
}
for d in 13312 15360 18432 22528 26624 30720; do
  c "$OUT/r16384" --dtype f32 --d $d --rows 16384
done
v 9 0 2 18432; v 9 "" "" 18432
v 11 0 2 22528; v 11 "" "" 22528
v 15 "" "" 15360; v 12 "" "" 15360
v 13 "" "" 13312
v 13 0 2 26624; v 13 "" "" 26624
v 15 "" "" 30720; v 12 "" "" 30720
