#!/usr/bin/env bash
# The kernel sets of runs 311-: the split layout with H_m on tensor cores
# ('vector_width' = 8) built on the VM into /tmp/sets (hmv, hmf), and
# walsh's bf16 defaults at the same sizes (wref). Usage: build-hm.sh WALSH
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/hmv /tmp/sets/hmf /tmp/sets/wref
C="--target cuda --dtype bf16 --rows 65536 --cross-warp mma --rows-per-block 1 --vector-width 8"
for s in "13312 416" "11264 352" "9216 288" "15360 480" "18432 288"; do
  set -- $s
  $W compile $C --d $1 --elems-per-thread $(( $1 / $2 )) --threads-per-row $2 --out /tmp/sets/hmv >/dev/null
done
$W compile $C --d 13312 --elems-per-thread 32 --threads-per-row 416 --transpose --out /tmp/sets/hmf >/dev/null
$W compile $C --d 13312 --elems-per-thread 32 --threads-per-row 416 --no-affine --out /tmp/sets/hmf >/dev/null
$W compile $C --d 11264 --elems-per-thread 32 --threads-per-row 352 --scale 0.25 --out /tmp/sets/hmf >/dev/null
$W compile $C --d 9216 --elems-per-thread 16 --threads-per-row 576 --out /tmp/sets/hmf >/dev/null
$W compile $C --d 18432 --elems-per-thread 32 --threads-per-row 576 --out /tmp/sets/hmf >/dev/null
$W compile $C --d 6144 --elems-per-thread 16 --threads-per-row 384 --out /tmp/sets/hmf >/dev/null
$W compile $C --d 7168 --elems-per-thread 32 --threads-per-row 224 --out /tmp/sets/hmf >/dev/null
for d in 9216 11264 13312 15360 18432; do
  $W compile --target cuda --dtype bf16 --rows 65536 --d $d --out /tmp/sets/wref >/dev/null
done
