#!/usr/bin/env bash
# run284's kernels: the split layout on tensor cores with g dense indices
# a warp (threads_per_row = 32 m / g) and a and b in shared memory, under
# /tmp/sg/new/<d>-g<g>[-r<R>]-<dtype>/ (R: WALSH_EXP_SPLIT_REGS, the
# registers a thread the block count a multiprocessor leaves, a throwaway
# switch); the same build's g = 1 kernels with a and b from global memory
# (WALSH_EXP_SPLIT_GLOBAL_AB, a throwaway switch: the kernels of 74696c0)
# under /tmp/sg/glob/; the defaults of the build before (74696c0) under
# /tmp/sg/before/<dtype> (copied from /tmp/before).
set -eu
W=${W:-./build/bin/walsh}
O=/tmp/sg; rm -rf $O; mkdir -p $O
export WALSH_CACHE_DIR=none
cp -r /tmp/before $O/before
one() { # d m g dtype dir [env...]
  local d=$1 m=$2 g=$3 dt=$4 dir=$5; shift 5
  local tpr=$((32 * m / g))
  mkdir -p $dir
  env "$@" $W compile --target cuda --dtype $dt --d $d --rows 65536 --cross-warp mma --vector-width 4 \
    --rows-per-block 1 --threads-per-row $tpr --elems-per-thread $((d / tpr)) --out $dir >/dev/null
}
for dt in bf16 f16; do
  for spec in "12288 12 1" "6144 12 1" "10240 20 1" "10240 20 2" "7168 28 2" "7168 28 4" "5120 20 2" "5120 20 4" "3072 12 2" "6144 12 2"; do
    set -- $spec
    one $1 $2 $3 $dt $O/new/$1-g$3-$dt X=1
  done
  one 7168 28 4 $dt $O/new/7168-g4-r128-$dt WALSH_EXP_SPLIT_REGS=128
  one 10240 20 2 $dt $O/new/10240-g2-r128-$dt WALSH_EXP_SPLIT_REGS=128
  one 12288 12 1 $dt $O/glob/12288-g1-$dt WALSH_EXP_SPLIT_GLOBAL_AB=1
done
