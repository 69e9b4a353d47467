#!/usr/bin/env bash
# Builds .device/k71.tar.xz (run 170): the defaults (65536 rows) of the
# powers of two 2048 ... 16384 in bf16, f16 and fp32 (row groups: any grid
# covers the rows), for a sweep of grid caps. ptxas -O3.
set -eu
W=./build/bin/walsh
out=/tmp/k71; rm -rf $out; mkdir -p $out/dflt
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16 f32; do
  for d in 2048 4096 8192 16384; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/dflt >/dev/null
  done
done
for f in $out/dflt/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
mkdir -p .device && tar cJf .device/k71.tar.xz -C $out .
ls -la .device/k71.tar.xz; grep -h '"row_iters"\|"block_threads"' $out/dflt/*.json | sort | uniq -c
