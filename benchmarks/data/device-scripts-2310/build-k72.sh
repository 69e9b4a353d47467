#!/usr/bin/env bash
# Builds .device/k72.tar.xz (run 171): fp32 rows with H_m on tensor cores
# (X as bf16 hi + mid + lo), d = m x 2^k for m = 12 ... 60 and 2^k = 8 ...
# 64, with 2, 4 and 8 rows a block (r2/, r4/, r8/; those that fit), against
# the fp32 defaults (dflt/, 65536 rows); chk/ holds other forms (transposed,
# no affine, a bf16 output, odd rows a block), checked only. ptxas -O3.
set -u
W=./build/bin/walsh
out=/tmp/k72; rm -rf $out; mkdir -p $out/dflt $out/r2 $out/r4 $out/r8 $out/chk
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
hm() { # dir d rows-a-block [more options]
  local dir=$1 d=$2 r=$3; shift 3
  $W compile --target cuda --dtype f32 --d $d --rows 65536 --cross-warp mma \
    --threads-per-row 32 --elems-per-thread $((d / 32)) --vector-width 2 \
    --rows-per-block $r --out $out/$dir "$@" >/dev/null 2>&1 || echo "skip $dir $d r$r $*"
}
for m in 12 20 28 36 44 52 60; do
  for p in 8 16 32 64; do
    d=$((m * p))
    $W compile --target cuda --dtype f32 --d $d --rows 65536 --out $out/dflt >/dev/null
    for r in 2 4 8; do hm r$r $d $r; done
  done
done
hm chk 480 4 --transpose
hm chk 1920 8 --no-affine
hm chk 960 4 --out-dtype bf16
hm chk 3840 2 --transpose
hm chk 416 1
hm chk 1664 3
hm chk 224 5 --transpose --no-affine
for f in $out/*/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin || echo "ptxas failed $f"; rm $f; done
mkdir -p .device && tar cJf .device/k72.tar.xz -C $out .
ls -la .device/k72.tar.xz; for d in $out/*; do echo "$d $(ls $d/*.cubin | wc -l)"; done
