#!/usr/bin/env bash
# run320's A/B sets: the f16 defaults that take the tf32 stage 2, with
# each A word rounded by cvt.rna.tf32.f32 (r, the rule) or by adding half
# a tf32 ulp to the fp32 bits (a: the throwaway WALSH_EXP_TF32ADD; the
# tensor core then truncates, CUTLASS's round_half_ulp_truncate), for
# 65536 and 16384 rows, into /tmp/sets/{r,a}{65536,16384} (no .ptx).
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets
for rows in 65536 16384; do
  mkdir -p /tmp/sets/r$rows /tmp/sets/a$rows
  for d in 2816 3328 3840 4608 5120 5632 6656 7680; do
    $W compile --target cuda --dtype f16 --d $d --rows $rows --out /tmp/sets/r$rows >/dev/null
    WALSH_EXP_TF32ADD=1 $W compile --target cuda --dtype f16 --d $d --rows $rows --out /tmp/sets/a$rows >/dev/null
  done
done
find /tmp/sets -name "*.ptx" -delete
