#!/usr/bin/env bash
# Builds .device/k65.tar.xz (run 160): where the tensor-core tiles are the
# default (768 ... 3584), H_m on tensor cores (vector_width 2) with four and
# eight rows a block against the defaults: the staged stores (20:30 UTC)
# made H_m up to 0.09 faster since run125 compared the two. Names carry
# the configuration; the default's has none. ptxas -O3.
set -eu
W=./build/bin/walsh
out=/tmp/k65; rm -rf $out; mkdir -p $out/hm
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  for d in 768 1280 1536 1792 2304 2560 2816 3072 3584; do
    for r in 4 8; do
      $W compile --target cuda --dtype $dt --d $d --cross-warp mma --vector-width 2 --threads-per-row 32 --elems-per-thread $((d / 32)) --rows-per-block $r --out $out/hm >/dev/null || echo "no $dt $d r$r"
    done
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/hm >/dev/null
  done
done
for f in $out/hm/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
mkdir -p .device && tar cJf .device/k65.tar.xz -C $out .
ls -la .device/k65.tar.xz; ls $out/hm/*.json | wc -l
