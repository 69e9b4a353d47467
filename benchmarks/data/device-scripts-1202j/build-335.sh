#!/usr/bin/env bash
# run335's kernel sets: 16-bit powers of two on the split layout on tensor
# cores (cross_warp = mma over 128 ... 1024 threads: M = threads / 32 warps
# a row, Sylvester's H_M as the m-point stage; 'vector_width' 4 = the sign
# program, here H_M's radix-2 levels, 8 = H_M on tensor cores), beside each
# size's default: /tmp/sets/<dtype>-<d>. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets
for dt in bf16 f16; do
  for d in 8192 16384 32768; do
    o=/tmp/sets/$dt-$d && mkdir -p $o
    $W compile --target cuda --dtype $dt --d $d --rows 16384 --out $o >/dev/null
    for t in 128 256 512 1024; do
      e=$((d / t))
      [ $e -le 64 ] && [ $((d / (t / 32))) -ge 256 ] || continue
      for v in 4 8; do
        $W compile --target cuda --dtype $dt --d $d --rows 16384 --cross-warp mma \
          --threads-per-row $t --elems-per-thread $e --vector-width $v \
          --rows-per-block 1 --out $o >/dev/null 2>&1 || echo "refused: $dt $d t$t v$v"
      done
    done
  done
done
find /tmp/sets -name "*.ptx" -delete
ls /tmp/sets/*
