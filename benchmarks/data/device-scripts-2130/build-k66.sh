#!/usr/bin/env bash
# Builds .device/k66.tar.xz (run 161): 6144 (12 x 512) as H_m on tensor
# cores (folded to 96 x 64) with one or two warps a row and 2, 4, 8 rows a
# block, against the default (the split layout with shuffles); 768 as H_m
# on tensor cores against the tiles (the default below 32768 rows). Names
# carry the configuration. ptxas -O3.
set -eu
W=./build/bin/walsh
out=/tmp/k66; rm -rf $out; mkdir -p $out/hm
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  for r in 2 4 8; do
    $W compile --target cuda --dtype $dt --d 6144 --cross-warp mma --vector-width 2 --threads-per-row 32 --elems-per-thread 192 --rows-per-block $r --out $out/hm >/dev/null || echo "no $dt 6144 t32 r$r"
    $W compile --target cuda --dtype $dt --d 6144 --cross-warp mma --vector-width 2 --threads-per-row 64 --elems-per-thread 96 --rows-per-block $r --out $out/hm >/dev/null || echo "no $dt 6144 t64 r$r"
  done
  $W compile --target cuda --dtype $dt --d 6144 --rows 65536 --out $out/hm >/dev/null
  $W compile --target cuda --dtype $dt --d 768 --rows 16384 --out $out/hm >/dev/null
  $W compile --target cuda --dtype $dt --d 768 --rows 65536 --out $out/hm >/dev/null
done
for f in $out/hm/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
mkdir -p .device && tar cJf .device/k66.tar.xz -C $out .
ls -la .device/k66.tar.xz; ls $out/hm/*.json | xargs -n1 basename
