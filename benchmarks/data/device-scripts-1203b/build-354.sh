#!/usr/bin/env bash
# run354's kernel sets (2026-12-03): the split layout's m-point stage on
# tensor cores, whole items (st0) against warps on one block row of H_m
# ("stationary") taking U = 1, 2, 3 items at a time (st1, st2, st3), by
# a throwaway switch in MmaKernel.cpp (WALSH_EXP_STAT=0 ... 3, not
# committed): the ten 16-bit defaults it changes (bf16 7168, 9216, 11264,
# 13312, 14336, 15360, 18432, 28672; f16 13312, 15360) at 16384 rows in
# /tmp/s354/st<U>. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
for e in 0 1 2 3; do
  o=/tmp/s354/st$e; rm -rf $o; mkdir -p $o
  for d in 7168 9216 11264 13312 14336 15360 18432 28672; do
    WALSH_EXP_STAT=$e $W compile --target cuda --dtype bf16 --d $d --rows 16384 --out $o >/dev/null
  done
  for d in 13312 15360; do
    WALSH_EXP_STAT=$e $W compile --target cuda --dtype f16 --d $d --rows 16384 --out $o >/dev/null
  done
  find $o -name "*.ptx" -delete
done
