#!/usr/bin/env bash
# run353's kernel sets (2026-12-03): the split layout on tensor cores with
# its m-point stage on tensor cores, each warp on whole items (all of
# H_m's block rows) or on one block row of H_m ("stationary"), by a
# throwaway switch in MmaKernel.cpp (WALSH_EXP_STAT=0 / 1, not committed):
# /tmp/s353/st0 and /tmp/s353/st1, each the ten 16-bit defaults that
# differ (bf16 7168, 9216, 11264, 13312, 14336, 15360, 18432, 28672; f16
# 13312, 15360) at 16384 rows, and explicit forms not the default (f16
# on this layout at 7168, 9216, 11264, 14336, 18432; g = 2 at 11264,
# 13312 f16, 15360). No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
for e in 0 1; do
  o=/tmp/s353/st$e; rm -rf $o; mkdir -p $o
  export WALSH_EXP_STAT=$e
  for d in 7168 9216 11264 13312 14336 15360 18432 28672; do
    $W compile --target cuda --dtype bf16 --d $d --rows 16384 --out $o >/dev/null
  done
  for d in 13312 15360; do
    $W compile --target cuda --dtype f16 --d $d --rows 16384 --out $o >/dev/null
  done
  x="--target cuda --cross-warp mma --vector-width 8 --rows-per-block 1 --row-iters 1 --out $o"
  $W compile $x --dtype f16 --d 7168 --threads-per-row 448 --elems-per-thread 16 >/dev/null
  $W compile $x --dtype f16 --d 9216 --threads-per-row 576 --elems-per-thread 16 >/dev/null
  $W compile $x --dtype f16 --d 11264 --threads-per-row 352 --elems-per-thread 32 >/dev/null
  $W compile $x --dtype f16 --d 14336 --threads-per-row 448 --elems-per-thread 32 >/dev/null
  $W compile $x --dtype f16 --d 18432 --threads-per-row 576 --elems-per-thread 32 >/dev/null
  for dt in bf16 f16; do
    $W compile $x --dtype $dt --d 11264 --threads-per-row 704 --elems-per-thread 16 >/dev/null
    $W compile $x --dtype $dt --d 15360 --threads-per-row 960 --elems-per-thread 16 >/dev/null
  done
  $W compile $x --dtype f16 --d 13312 --threads-per-row 832 --elems-per-thread 16 >/dev/null
  find $o -name "*.ptx" -delete
done
