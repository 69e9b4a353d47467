#!/usr/bin/env bash
# Builds .device/k70.tar.xz (run 167): the bf16 and f16 defaults at 352,
# 896 and 1536 (65536 rows), whose grids run faster capped (run166).
set -eu
W=./build/bin/walsh
out=/tmp/k70; rm -rf $out; mkdir -p $out/dflt
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  for d in 352 896 1536; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/dflt >/dev/null
  done
done
for f in $out/dflt/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
mkdir -p .device && tar cJf .device/k70.tar.xz -C $out .
ls -la .device/k70.tar.xz
