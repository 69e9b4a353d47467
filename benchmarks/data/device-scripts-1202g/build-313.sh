#!/usr/bin/env bash
# run313's kernel set: the GPU conformance jobs whose kernels the split
# layout's H_m on tensor cores changed (the bf16 defaults in bulk at 9216,
# 11264, 13312, 15360 and 18432 with and without a and b, and the explicit
# 'vector_width' = 8 jobs of tests/gpu/gpu-conformance.sh), into
# /tmp/sets/conf. (Every other conformance kernel's PTX is unchanged:
# HmMmaKernel's helpers moved to MmaBuilder.h, byte-identical PTX checked
# for bf16 768, 1920, 5120, 7680, 12288, f16 3328, 7168 and f32 1920.)
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/conf
for d in 9216 11264 13312 15360 18432; do
  $W compile --target cuda --d $d --dtype bf16 --out /tmp/sets/conf >/dev/null
  $W compile --target cuda --d $d --dtype bf16 --no-affine --out /tmp/sets/conf >/dev/null
done
hs="--dtype bf16 --cross-warp mma --vector-width 8 --rows-per-block 1"
$W compile --target cuda --d 13312 $hs --threads-per-row 416 --elems-per-thread 32 --transpose --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 11264 $hs --threads-per-row 352 --elems-per-thread 32 --scale 0.25 --no-affine --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 9216 $hs --threads-per-row 288 --elems-per-thread 32 --transpose --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 18432 $hs --threads-per-row 288 --elems-per-thread 64 --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 15360 $hs --threads-per-row 480 --elems-per-thread 32 --transpose --no-affine --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 7168 $hs --threads-per-row 224 --elems-per-thread 32 --out /tmp/sets/conf >/dev/null
