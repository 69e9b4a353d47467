#!/usr/bin/env bash
# Kernels of device run 455 (2026-12-04), compiled on the development VM
# with 83d90ce's walsh plus two throwaway switches: WALSH_X_V4 (the
# dense-index transpose also for four positions a thread, vector_width 4)
# and WALSH_X_ROWBLOCKS=B (H_m in B row blocks, also for 16-bit rows). At
# 16384 rows, beside each default: fp32 20480 and 24576 with four
# positions a thread (_v4), 16-bit sizes of a dense factor in the forms
# fp32 takes (pairs _p, one lane _1, four positions _v4), suffix bB.
# Usage: build455.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
v() { # v dtype d e threads V B suffix
  local s=$7
  if [ "$6" != 0 ]; then s=${s}b$6; export WALSH_X_ROWBLOCKS=$6; fi
  WALSH_X_V4=1 renamed $s "$OUT/r16384" --dtype $1 --d $2 --rows 16384 --elems-per-thread $3 --threads-per-row $4 --vector-width $5 --rows-per-block 1 --cross-warp shared
  unset WALSH_X_ROWBLOCKS
}
for d in 20480 24576; do c "$OUT/r16384" --dtype f32 --d $d --rows 16384; done
v f32 20480 80 256 4 0 _v4; v f32 20480 80 256 4 5 _v4
v f32 24576 48 512 4 0 _v4
for d in 9216 13312 18432 20480 22528 28672 30720; do c "$OUT/r16384" --dtype bf16 --d $d --rows 16384; done
v bf16 20480 80 256 4 0 _v4; v bf16 20480 80 256 4 5 _v4
v bf16 18432 72 256 2 9 _p
v bf16 22528 88 256 2 11 _p
v bf16 9216 72 128 2 9 _p
v bf16 28672 56 512 2 0 _p; v bf16 28672 56 512 2 7 _p
v bf16 13312 52 256 1 13 _1
v bf16 30720 60 512 1 10 _1
c "$OUT/r16384" --dtype f16 --d 18432 --rows 16384
v f16 18432 72 256 2 9 _p
