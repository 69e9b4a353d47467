#!/usr/bin/env bash
# Builds run541's kernels on the development VM (run from the checkout's
# root, build/ from eade5d9's sources, no patch): .device/e10.tar.xz, 16-bit
# 13312 (52 x 256) in the split layout with H_m on tensor cores: d13 the
# default (832 threads, 16 values a thread), q13 over 416 threads (g = 4,
# 32 values, three items at a time, one grid ahead), q13r2 the same two
# grids ahead. ptxas: 72, 124 and 126 registers, no spill.
set -euo pipefail
out=$(mktemp -d)
for v in "d13::" "q13:416:1" "q13r2:416:2"; do
  IFS=: read -r name t ri <<< "$v"
  mkdir -p "$out/$name.flat"
  for ty in bf16 f16; do
    extra=""
    [ -n "$t" ] && extra="--cross-warp mma --elems-per-thread $((13312 / t)) --threads-per-row $t --rows-per-block 1 --vector-width 8 --row-iters $ri"
    WALSH_CACHE_DIR=none build/bin/walsh compile --target cuda --dtype $ty --d 13312 --rows 16384 $extra --out "$out/k" > /dev/null
    echo "$name $ty: $(/usr/local/cuda/bin/ptxas -arch=sm_90 -O3 -v "$out"/k/*.ptx -o /dev/null 2>&1 | grep -oE '[0-9]+ bytes spill stores|Used [0-9]+ registers' | tr '\n' ' ')"
    mv "$out"/k/* "$out/$name.flat/"
  done
done
mkdir -p .device
tar cJf .device/e10.tar.xz -C "$out" d13.flat q13.flat q13r2.flat
rm -rf "$out"
