#!/usr/bin/env bash
# Builds .device/k73.tar.xz (run 172): fp32 H_m on tensor cores with X's
# loads at a lane term and an immediate (wideLaneTerm), 2, 4 and 8 rows a
# block (n2/, n4/, n8/) at the sizes where it may take the default, and at
# 2^k = 64 (3328, 3840: two and four rows); chk/ other forms, checked only.
# run172 times them against k72's (the addresses per load) and the
# defaults. ptxas -O3.
set -u
W=./build/bin/walsh
out=/tmp/k73; rm -rf $out; mkdir -p $out/n2 $out/n4 $out/n8 $out/chk
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
hm() { # dir d rows-a-block [more options]
  local dir=$1 d=$2 r=$3; shift 3
  $W compile --target cuda --dtype f32 --d $d --rows 65536 --cross-warp mma \
    --threads-per-row 32 --elems-per-thread $((d / 32)) --vector-width 2 \
    --rows-per-block $r --out $out/$dir "$@" >/dev/null 2>&1 || echo "skip $dir $d r$r $*"
}
for d in 96 160 224 288 352 416 480 832 960 1408 1664 1920; do
  for r in 4 8; do hm n$r $d $r; done
done
for d in 1280 1792 2304 2816 3328 3840; do
  for r in 2 4; do hm n$r $d $r; done
done
hm chk 480 4 --transpose
hm chk 1920 8 --no-affine
hm chk 960 4 --out-dtype bf16
hm chk 3840 2 --transpose
hm chk 3328 3 --no-affine
hm chk 416 1
hm chk 1664 3
hm chk 224 5 --transpose --no-affine
for f in $out/*/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin || echo "ptxas failed $f"; rm $f; done
mkdir -p .device && tar cJf .device/k73.tar.xz -C $out .
ls -la .device/k73.tar.xz; for d in $out/*; do echo "$d $(ls $d/*.cubin | wc -l)"; done
