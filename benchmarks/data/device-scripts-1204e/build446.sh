#!/usr/bin/env bash
# Kernels of device run 446 (2026-12-04), compiled on the development VM
# with 6d2141f's walsh plus throwaway switches (WALSH_X_ROWBLOCKS=B: H_m in
# B row blocks; WALSH_X_BATCH=N: the dense-index transpose's a and b
# loaded N values a batch instead of 8, two batches live; WALSH_X_MINCTA=N:
# the kernel's minimum blocks a multiprocessor): the fp32 16-warp sizes
# held at one block a multiprocessor (18432, 20480, 22528) fitted to 64
# registers for two, beside each default (suffix _bB, xN, mN), and two that
# already run two blocks (10240, 14336) with the smaller batch, at 16384
# rows.
# Usage: build446.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
v() { # v B X M d (B, M empty: the default's)
  local s=""
  [ -n "$1" ] && s=_b$1 && export WALSH_X_ROWBLOCKS=$1
  s=${s}x$2 && export WALSH_X_BATCH=$2
  [ -n "$3" ] && s=${s}m$3 && export WALSH_X_MINCTA=$3
  renamed $s "$OUT/r16384" --dtype f32 --d $4 --rows 16384
  unset WALSH_X_ROWBLOCKS WALSH_X_BATCH WALSH_X_MINCTA
}
for d in 10240 14336 18432 20480 22528; do c "$OUT/r16384" --dtype f32 --d $d --rows 16384; done
v 12 2 2 18432; v 9 2 2 18432
v 11 2 2 22528
v "" 2 2 20480
v "" 2 "" 14336; v "" 2 "" 10240
