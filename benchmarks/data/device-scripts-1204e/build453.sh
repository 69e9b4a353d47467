#!/usr/bin/env bash
# Kernels of device run 453 (2026-12-04), compiled on the development VM
# with 1f37834's walsh plus a throwaway switch (WALSH_X_ROWBLOCKS=B: H_m in
# B row blocks, here also for pairs, each block's outputs for both
# positions stored before the next block): the fp32 16-warp sizes of m =
# 36, 44, 52 as pairs over 256 threads (8 warps, 2 m values a thread, 128
# registers, two blocks a multiprocessor) beside each default (one lane
# over 512), at 16384 rows. Suffix _p (pairs) and bB.
# Usage: build453.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
p() { # p d m B (B empty: the whole program)
  local s=_p
  if [ -n "$3" ]; then s=${s}b$3; export WALSH_X_ROWBLOCKS=$3; fi
  renamed $s "$OUT/r16384" --dtype f32 --d $1 --rows 16384 --elems-per-thread $((2 * $2)) --threads-per-row 256 --vector-width 2 --rows-per-block 1 --cross-warp shared
  unset WALSH_X_ROWBLOCKS
}
for d in 18432 22528 26624; do c "$OUT/r16384" --dtype f32 --d $d --rows 16384; done
p 18432 36 ""; p 18432 36 9; p 18432 36 12
p 22528 44 11
p 26624 52 13
