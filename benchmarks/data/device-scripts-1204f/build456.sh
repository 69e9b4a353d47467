#!/usr/bin/env bash
# Kernels of device run 456 (2026-12-04), compiled on the development VM
# with the four-position dense-index transpose (fp32 20480's new default)
# plus two throwaway switches: WALSH_X_NO4 (the rule off: the old form of
# four positions a thread, suffix _old) for 16-bit 6144 (12 x 512, 48
# values over 128 threads), whose decode defaults (1, 16, 64 rows) the rule
# moves; and row groups (--row-iters K, one prefetch buffer beside the
# exchange buffer: 224 and 208 KB) for fp32 28672 and 26624 at 16384
# rows, suffix _siK. The conformance kernels the rule moved come from
# tests/gpu/gpu-conformance.sh --compile-only (diffed against the last
# set), copied by the caller into OUTDIR/conf.
# Usage: build456.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
mkdir -p "$OUT/r16384" "$OUT/r1" "$OUT/r16" "$OUT/r64"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for d in 28672 26624; do c "$OUT/r16384" --dtype f32 --d $d --rows 16384; done
g() { # g d e threads V K
  renamed _si$5 "$OUT/r16384" --dtype f32 --d $1 --rows 16384 --elems-per-thread $2 --threads-per-row $3 --vector-width $4 --rows-per-block 1 --cross-warp shared --row-iters $5
}
for k in 2 4 8; do g 28672 56 512 2 $k; g 26624 52 512 1 $k; done
for r in 1 16 64; do
  for dt in bf16 f16; do
    c "$OUT/r$r" --dtype $dt --d 6144 --rows $r
    WALSH_X_NO4=1 renamed _old "$OUT/r$r" --dtype $dt --d 6144 --rows $r
  done
done
