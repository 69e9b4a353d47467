#!/usr/bin/env bash
# Kernels of device run 457 (2026-12-04), compiled on the development VM
# with the dense-index transpose reading four positions over 16 warps in
# halves (readHalves): fp32 24576 (12 x 2048) as 48 values over 512
# threads (_v4h) beside its default (32 values over 768 threads through
# the transposes) and beside the same configuration's round trips (_v4rt,
# a throwaway switch WALSH_X_RT that kept four positions over 16 warps out
# of the form), 16384 rows. The conformance compile moved no kernel (but
# 5120's 16-bit e80t64v4 forms back to their committed PTX); OUTDIR/conf
# holds the two conformance jobs added for the form.
# Usage: build457.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
c "$OUT/r16384" --dtype f32 --d 24576 --rows 16384
renamed _v4h "$OUT/r16384" --dtype f32 --d 24576 --rows 16384 --elems-per-thread 48 --threads-per-row 512 --vector-width 4 --rows-per-block 1 --cross-warp shared
WALSH_X_RT=1 renamed _v4rt "$OUT/r16384" --dtype f32 --d 24576 --rows 16384 --elems-per-thread 48 --threads-per-row 512 --vector-width 4 --rows-per-block 1 --cross-warp shared
mkdir -p "$OUT/conf"
q4="--dtype f32 --cross-warp shared --vector-width 4 --rows-per-block 1"
c "$OUT/conf" --d 10240 $q4 --threads-per-row 128 --elems-per-thread 80 --transpose
c "$OUT/conf" --d 24576 $q4 --threads-per-row 512 --elems-per-thread 48
