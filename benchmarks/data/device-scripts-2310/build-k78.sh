#!/usr/bin/env bash
# Builds .device/k78.tar.xz (run 178): what walsh tune found at 16384 rows
# (run177) against the defaults: 16-bit 1792 (tiles) with four rows a block
# (b/) against eight (a/); 16-bit 512 with four row groups of eight rows
# (b/) against none (a/, the default at 16384 rows); also 256 the same way.
# ptxas -O3 (the tiles: as the compiler, its fast-compile level only from
# 2^k = 128).
set -u
W=./build/bin/walsh
out=/tmp/k78; rm -rf $out; mkdir -p $out/a $out/b
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  $W compile --target cuda --dtype $dt --d 1792 --rows 16384 --out $out/a >/dev/null
  $W compile --target cuda --dtype $dt --d 1792 --rows 16384 --cross-warp mma --rows-per-block 4 --out $out/b >/dev/null
  for d in 256 512; do
    $W compile --target cuda --dtype $dt --d $d --rows 16384 --out $out/a >/dev/null
    $W compile --target cuda --dtype $dt --d $d --rows 16384 --row-iters 4 --rows-per-block 8 --out $out/b >/dev/null
  done
done
for f in $out/*/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin || echo "ptxas failed $f"; rm $f; done
mkdir -p .device && tar cJf .device/k78.tar.xz -C $out .
for d in $out/*; do echo "$d: $(ls $d/*.cubin | xargs -n1 basename | tr '\n' ' ')"; done
