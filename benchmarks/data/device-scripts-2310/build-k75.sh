#!/usr/bin/env bash
# Builds .device/k75.tar.xz (run 174): the fp32 defaults H_m on tensor cores
# took (dflt/: 65536 rows; 352 for 16384), for a sweep of grid caps; and
# fp32 H_m on tensor cores over two warps a row at 2^k = 64 (w2/: 3328,
# 3840 with 1, 2 and 4 rows a block) against their defaults (in dflt/).
# ptxas -O3.
set -u
W=./build/bin/walsh
out=/tmp/k75; rm -rf $out; mkdir -p $out/dflt $out/w2
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for d in 160 224 288 416 480 960 1664 1920 3328 3840; do
  $W compile --target cuda --dtype f32 --d $d --rows 65536 --out $out/dflt >/dev/null
done
$W compile --target cuda --dtype f32 --d 352 --rows 16384 --out $out/dflt >/dev/null
for d in 3328 3840; do
  for r in 1 2 4; do
    $W compile --target cuda --dtype f32 --d $d --rows 65536 --cross-warp mma \
      --threads-per-row 64 --elems-per-thread $((d / 64)) --vector-width 2 \
      --rows-per-block $r --out $out/w2 >/dev/null 2>&1 || echo "skip w2 $d r$r"
  done
done
for f in $out/*/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin || echo "ptxas failed $f"; rm $f; done
mkdir -p .device && tar cJf .device/k75.tar.xz -C $out .
for d in $out/*; do echo "$d $(ls $d/*.cubin | wc -l)"; done
