#!/usr/bin/env bash
# Device run 416 (2026-12-04), the final compiler (85a2bb2): the split
# layout on tensor cores for fp32 at 9216, 11264, 13312, 18432 and 22528
# with four dense indices a warp (288 ... 416 threads: persistent, a and b
# loaded before the products), which run407 timed only a block a row with
# a and b where used, beside each size's default. Kernels compiled here
# (`walsh compile --target cuda --dtype f32 --d D --cross-warp mma
# --vector-width 4 --rows-per-block 1 --threads-per-row T
# --elems-per-thread E`, and the defaults with --rows 16384). walsh-gpu
# checks each on 257 rows against float64, then times it beside a copy:
# two passes at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf416 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/conf416 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-fp32-split-mma-others-run416.txt
