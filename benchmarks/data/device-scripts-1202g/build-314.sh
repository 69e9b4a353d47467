#!/usr/bin/env bash
# run314's kernel sets: the new bf16 defaults with two blocks a
# multiprocessor asked of ptxas (hb2: the throwaway WALSH_EXP_HMBLOCKS=2)
# against one (hb1); 'vector_width' = 8 at m = 28 (14336, 28672) against
# their defaults (m28), and 13312 over 832 threads (g = 2).
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/hb1 /tmp/sets/hb2 /tmp/sets/m28
for d in 11264 13312 15360; do
  $W compile --target cuda --d $d --dtype bf16 --rows 65536 --out /tmp/sets/hb1 >/dev/null
  WALSH_EXP_HMBLOCKS=2 $W compile --target cuda --d $d --dtype bf16 --rows 65536 --out /tmp/sets/hb2 >/dev/null
done
hs="--dtype bf16 --rows 65536 --cross-warp mma --vector-width 8 --rows-per-block 1"
$W compile --target cuda --d 13312 $hs --threads-per-row 832 --elems-per-thread 16 --out /tmp/sets/hb1 >/dev/null
$W compile --target cuda --d 14336 $hs --threads-per-row 448 --elems-per-thread 32 --out /tmp/sets/m28 >/dev/null
$W compile --target cuda --d 14336 $hs --threads-per-row 224 --elems-per-thread 64 --out /tmp/sets/m28 >/dev/null
$W compile --target cuda --d 28672 $hs --threads-per-row 448 --elems-per-thread 64 --out /tmp/sets/m28 >/dev/null
$W compile --target cuda --d 28672 $hs --threads-per-row 896 --elems-per-thread 32 --out /tmp/sets/m28 >/dev/null
for d in 14336 28672; do
  $W compile --target cuda --d $d --dtype bf16 --rows 65536 --out /tmp/sets/m28 >/dev/null
done
# f16 rows with two bf16 pieces (hi + lo) in the m-point stage (h16), the
# f16 defaults beside (f16d).
mkdir -p /tmp/sets/h16 /tmp/sets/f16d
hf="--dtype f16 --rows 65536 --cross-warp mma --vector-width 8 --rows-per-block 1"
for s in "9216 576" "9216 288" "11264 352" "13312 416" "15360 480" "18432 576" "18432 288"; do
  set -- $s
  $W compile --target cuda --d $1 $hf --threads-per-row $2 --elems-per-thread $(( $1 / $2 )) --out /tmp/sets/h16 >/dev/null
done
for d in 9216 11264 13312 15360 18432; do
  $W compile --target cuda --d $d --dtype f16 --rows 65536 --out /tmp/sets/f16d >/dev/null
done
