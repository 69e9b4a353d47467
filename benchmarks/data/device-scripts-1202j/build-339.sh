#!/usr/bin/env bash
# run339's kernel sets: the power-of-two split on tensor cores at 16-bit
# 8192 (M = 4, 8, 16) and 4096 (M = 4, 8) with the blocks a multiprocessor
# asked of ptxas (nvvm.minctasm) set by a throwaway WALSH_EXP_MINCTA in
# WalshToGPU.cpp (not committed): /tmp/sets/p<d>-<dt>-m<N>; beside 8192's
# default and 4096's transposes (/tmp/sets/p<d>-<dt>). No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets
mma="--cross-warp mma --vector-width 4 --rows-per-block 1"
for dt in bf16 f16; do
  o=/tmp/sets/p8192-$dt; mkdir -p $o
  $W compile --target cuda --dtype $dt --d 8192 --rows 65536 --out $o >/dev/null
  for cfg in "256 32 1" "256 32 2" "256 32 3" "512 16 1" "512 16 2" "128 64 1" "128 64 2" "128 64 3" "128 64 4"; do
    set -- $cfg; mkdir -p $o-m$3
    WALSH_EXP_MINCTA=$3 $W compile --target cuda --dtype $dt --d 8192 --rows 65536 $mma --threads-per-row $1 --elems-per-thread $2 --out $o-m$3 >/dev/null
  done
  o=/tmp/sets/p4096-$dt; mkdir -p $o
  $W compile --target cuda --dtype $dt --d 4096 --rows 65536 --cross-warp transpose --out $o >/dev/null
  for cfg in "256 16 3" "256 16 4" "128 32 4" "128 32 6"; do
    set -- $cfg; mkdir -p $o-m$3
    WALSH_EXP_MINCTA=$3 $W compile --target cuda --dtype $dt --d 4096 --rows 65536 $mma --threads-per-row $1 --elems-per-thread $2 --out $o-m$3 >/dev/null
  done
done
find /tmp/sets -name "*.ptx" -delete
