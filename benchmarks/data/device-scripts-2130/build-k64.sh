#!/usr/bin/env bash
# Builds .device/k64.tar.xz (run 158): H_m on tensor cores (one warp a row)
# with 2, 4 and 8 rows a block, at every m over 16 and 32 positions and at
# 3328, 3840, 4608, 5120: the rows-a-block rule was set (run123) before the
# staged stores. Names carry the configuration; the default's has none.
# ptxas -O3.
set -eu
W=./build/bin/walsh
out=/tmp/k64; rm -rf $out; mkdir -p $out/rpb
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  for d in 192 320 448 576 704 832 960 384 640 896 1152 1408 1664 1920 3328 3840 4608 5120; do
    for r in 2 4 8; do
      $W compile --target cuda --dtype $dt --d $d --cross-warp mma --vector-width 2 --threads-per-row 32 --elems-per-thread $((d / 32)) --rows-per-block $r --out $out/rpb >/dev/null
    done
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/rpb >/dev/null
  done
done
for f in $out/rpb/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
mkdir -p .device && tar cJf .device/k64.tar.xz -C $out .
ls -la .device/k64.tar.xz; ls $out/rpb/*.json | wc -l
