#!/usr/bin/env bash
# run323's sets: (k8) the f16 defaults at 2^k = 8 (m x 8, 96 ... 480),
# base (b) against H_8's stage as one tf32 m16n8k8 (t: the throwaway
# WALSH_EXP_TF32K8); (hm) the tiles' 16-bit defaults at 1280 ... 3584
# (d) against H_m on tensor cores, one warp a row of eight rows (h), now
# that its stage 2 takes one piece (bf16) or one tf32 piece (f16); for
# 65536 and 16384 rows, into /tmp/sets. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets
for rows in 65536 16384; do
  mkdir -p /tmp/sets/b$rows /tmp/sets/t$rows /tmp/sets/d$rows /tmp/sets/h$rows
  for d in 96 160 224 288 352 416 480; do
    $W compile --target cuda --dtype f16 --d $d --rows $rows --out /tmp/sets/b$rows >/dev/null
    WALSH_EXP_TF32K8=1 $W compile --target cuda --dtype f16 --d $d --rows $rows --out /tmp/sets/t$rows >/dev/null
  done
  for dt in bf16 f16; do
    for d in 1280 1536 1792 2304 2560 3584; do
      $W compile --target cuda --dtype $dt --d $d --rows $rows --out /tmp/sets/d$rows >/dev/null
      $W compile --target cuda --dtype $dt --d $d --rows $rows --cross-warp mma --vector-width 2 --threads-per-row 32 --elems-per-thread $((d / 32)) --rows-per-block 8 --out /tmp/sets/h$rows >/dev/null
    done
  done
done
find /tmp/sets -name "*.ptx" -delete
