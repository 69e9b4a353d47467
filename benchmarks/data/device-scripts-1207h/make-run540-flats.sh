#!/usr/bin/env bash
# Builds run540's kernels on the development VM (run from the checkout's
# root, build/ built with ../device-scripts-1207g/run538-switches.patch
# applied: WALSH_EXP_U sets the items a stationary warp takes at a time):
# .device/e9.tar.xz, the split layout with H_m on tensor cores at 16-bit
# 26624 (52 x 512) and 30720 (60 x 512) over g = 4 dense indices a warp
# (416 and 480 threads, 64 values a thread), in the forms ptxas fits
# without a spill: n* one item at a time with the rows two grids ahead,
# a* two items at a time, one grid ahead (n26 and a30 the defaults since
# session 82's change). The defaults before (d26, d30) come from e8.
set -euo pipefail
grep -qa WALSH_EXP_U build/lib/libwalsh.so ||
  { echo "build/ lacks run538-switches.patch (git apply it, ninja -C build)" >&2; exit 1; }
out=$(mktemp -d)
variants="
n26:26624:416:2:1
a26:26624:416:1:2
n30:30720:480:2:1
a30:30720:480:1:2
"
for v in $variants; do
  IFS=: read -r name d t ri u <<< "$v"
  mkdir -p "$out/$name.flat"
  for ty in bf16 f16; do
    WALSH_CACHE_DIR=none WALSH_EXP_U=$u build/bin/walsh compile --target cuda --dtype $ty --d $d \
      --rows 16384 --cross-warp mma --elems-per-thread $((d / t)) --threads-per-row $t \
      --rows-per-block 1 --vector-width 8 --row-iters $ri --out "$out/k" > /dev/null
    echo "$name $ty: $(/usr/local/cuda/bin/ptxas -arch=sm_90 -O3 -v "$out"/k/*.ptx -o /dev/null 2>&1 | grep -oE '[0-9]+ bytes spill stores|Used [0-9]+ registers' | tr '\n' ' ')"
    mv "$out"/k/* "$out/$name.flat/"
  done
done
mkdir -p .device
tar cJf .device/e9.tar.xz -C "$out" $(cd "$out" && ls -d *.flat)
rm -rf "$out"
