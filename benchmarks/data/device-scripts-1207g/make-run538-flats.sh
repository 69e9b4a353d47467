#!/usr/bin/env bash
# Builds run538's kernels on the development VM (run from the checkout's
# root, build/ built with run538-switches.patch applied: throwaway
# switches in MmaKernel.cpp, not in the compiler): .device/e8.tar.xz with
# one directory a variant of the split layout with H_m on tensor cores at
# 16-bit 26624 (52 x 512) and 30720 (60 x 512), the two defaults that
# spill (ptxas: 44 and 52 bytes) and the two slowest at 16384 rows on an
# H100 (0.74-0.79 of the copy roofline in run533). Switches:
# WALSH_EXP_LATE_NEXT (the next row's register loads after the row's
# stores to shared memory instead of before them), with WALSH_EXP_LATER
# (after the items' loop instead), WALSH_EXP_U (items a stationary warp
# takes at a time).
set -euo pipefail
# Without the switches every variant would compile to the default's PTX.
grep -qa WALSH_EXP_LATER build/lib/libwalsh.so ||
  { echo "build/ lacks run538-switches.patch (git apply it, ninja -C build)" >&2; exit 1; }
out=$(mktemp -d)
C26a="--cross-warp mma --elems-per-thread 32 --threads-per-row 832 --rows-per-block 1 --vector-width 8 --row-iters 2"
C26b="--cross-warp mma --elems-per-thread 64 --threads-per-row 416 --rows-per-block 1 --vector-width 8 --row-iters 2"
C30a="--cross-warp mma --elems-per-thread 64 --threads-per-row 480 --rows-per-block 1 --vector-width 8 --row-iters 1"
# name d config U late later
variants="
d26:26624:-:0:0:0
l26:26624:C26a:1:0:1
b26:26624:C26b:1:0:0
bl26:26624:C26b:1:0:1
b3l26:26624:C26b:3:0:1
d30:30720:-:0:0:0
u2x30:30720:C30a:2:0:0
l30:30720:C30a:3:0:1
u2l30:30720:C30a:2:0:1
u1m30:30720:C30a:1:1:0
"
for v in $variants; do
  IFS=: read -r name d cfg u late later <<< "$v"
  args=(); [ "$cfg" != - ] && args=(${!cfg})
  envs=(WALSH_CACHE_DIR=none)
  [ "$u" != 0 ] && envs+=(WALSH_EXP_U=$u)
  [ "$late" = 1 ] && envs+=(WALSH_EXP_LATE_NEXT=1)
  [ "$later" = 1 ] && envs+=(WALSH_EXP_LATE_NEXT=1 WALSH_EXP_LATER=1)
  mkdir -p "$out/$name.flat"
  for t in bf16 f16; do
    env "${envs[@]}" build/bin/walsh compile --target cuda --dtype $t --d $d \
      --rows 16384 "${args[@]}" --out "$out/k" > /dev/null
    echo "$name $t: $(/usr/local/cuda/bin/ptxas -arch=sm_90 -O3 -v "$out"/k/*.ptx -o /dev/null 2>&1 | grep -oE '[0-9]+ bytes spill stores|Used [0-9]+ registers' | tr '\n' ' ')"
    mv "$out"/k/* "$out/$name.flat/"
  done
done
mkdir -p .device
tar cJf .device/e8.tar.xz -C "$out" $(cd "$out" && ls -d *.flat)
rm -rf "$out"
