#!/usr/bin/env bash
# run315's kernel set: every GPU conformance job whose kernel the split
# layout's H_m on tensor cores changed by the final rule (the defaults
# in bulk with and without a and b: bf16 9216, 11264, 13312, 14336, 15360,
# 18432, 28672 and f16 13312, 15360; the explicit 'vector_width' = 8 jobs
# of tests/gpu/gpu-conformance.sh), into /tmp/sets/conf.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/conf
for s in "bf16 9216" "bf16 11264" "bf16 13312" "bf16 14336" "bf16 15360" "bf16 18432" "bf16 28672" "f16 13312" "f16 15360"; do
  set -- $s
  $W compile --target cuda --d $2 --dtype $1 --out /tmp/sets/conf >/dev/null
  $W compile --target cuda --d $2 --dtype $1 --no-affine --out /tmp/sets/conf >/dev/null
done
hs="--dtype bf16 --cross-warp mma --vector-width 8 --rows-per-block 1"
$W compile --target cuda --d 13312 $hs --threads-per-row 416 --elems-per-thread 32 --transpose --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 11264 $hs --threads-per-row 352 --elems-per-thread 32 --scale 0.25 --no-affine --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 9216 $hs --threads-per-row 288 --elems-per-thread 32 --transpose --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 18432 $hs --threads-per-row 288 --elems-per-thread 64 --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 15360 $hs --threads-per-row 480 --elems-per-thread 32 --transpose --no-affine --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 7168 $hs --threads-per-row 224 --elems-per-thread 32 --out /tmp/sets/conf >/dev/null
hf="--dtype f16 --cross-warp mma --vector-width 8 --rows-per-block 1"
$W compile --target cuda --d 13312 $hf --threads-per-row 416 --elems-per-thread 32 --transpose --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 15360 $hf --threads-per-row 480 --elems-per-thread 32 --no-affine --scale 0.25 --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 9216 $hf --threads-per-row 576 --elems-per-thread 16 --out /tmp/sets/conf >/dev/null
$W compile --target cuda --d 18432 $hf --threads-per-row 288 --elems-per-thread 64 --transpose --out /tmp/sets/conf >/dev/null
