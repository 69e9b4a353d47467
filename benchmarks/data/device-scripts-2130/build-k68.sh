#!/usr/bin/env bash
# Builds .device/k68.tar.xz (run 164): the bf16 defaults of H_m on tensor
# cores at 640 (20 x 32), 896 (28 x 32) and 1152 (36 x 32), one directory
# each, for ncu: why 896 runs 0.82 of the copy roofline where its
# neighbours run 0.91-0.92. ptxas -O3.
set -eu
W=./build/bin/walsh
out=/tmp/k68; rm -rf $out
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for d in 640 896 1152 448; do
  mkdir -p $out/d$d
  $W compile --target cuda --dtype bf16 --d $d --rows 65536 --out $out/d$d >/dev/null
  for f in $out/d$d/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
done
mkdir -p .device && tar cJf .device/k68.tar.xz -C $out .
ls -la .device/k68.tar.xz
