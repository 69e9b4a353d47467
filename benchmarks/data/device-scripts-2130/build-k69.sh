#!/usr/bin/env bash
# Builds .device/k69.tar.xz (run 166): the bf16 defaults (65536 rows) of
# every size whose default is a tensor-core kernel (H_m on tensor cores or
# the tiles: persistent grids), for a sweep of grid caps. ptxas -O3.
set -eu
W=./build/bin/walsh
out=/tmp/k69; rm -rf $out; mkdir -p $out/dflt
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for d in 192 288 320 352 384 416 448 480 576 640 704 768 832 896 960 1152 1280 1408 1536 1664 1792 1920 2304 2560 2816 3072 3328 3584 3840 4608 5120 5632 6656 7168 7680; do
  $W compile --target cuda --dtype bf16 --d $d --rows 65536 --out $out/dflt >/dev/null
done
for f in $out/dflt/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
mkdir -p .device && tar cJf .device/k69.tar.xz -C $out .
ls -la .device/k69.tar.xz; ls $out/dflt/*.json | wc -l
