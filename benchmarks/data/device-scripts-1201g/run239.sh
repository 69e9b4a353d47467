#!/usr/bin/env bash
# Device run 239 (2026-12-01): H_m on tensor cores with more warps a row
# (a throwaway verifier change: threads_per_row up to 8 warps for 2^k > 32,
# the row's barrier over 32 W threads): bf16 6656, 7680 (52 and 60 x 128,
# the default two warps a row, four rows) and 7168 (folded 112 x 64, the
# default one warp a row, four rows) against W = 4 or 7 warps a row with
# 1 to 4 rows a block (kw.tar.xz, built on the VM). walsh-gpu checks every
# kernel on 257 rows against float64 and times it beside a copy, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/kwall && tar xJf .device/kw.tar.xz -C /tmp
{
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    timeout 250 walsh-gpu /tmp/kwall --check-rows 257 --rows $rows 2>&1
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run239.txt
