#!/usr/bin/env bash
# run321's sets: the f16 defaults that the tf32 stage 2 changed where bf16
# takes other layouts (GpuCompiler.cpp: 3840 two warps a row of four rows,
# 5632 one warp a row of eight, 6656 and 7680 a warp a block of two rows;
# walsh tune's picks in run320), into /tmp/sets/d{rows} (the defaults) and
# l{rows} (the layouts); their other forms (transposed, without a and b,
# to bf16 and fp32, bf16 rows to f16) into /tmp/sets/forms. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/forms
lay() {
  case $1 in
    3840) echo "--threads-per-row 64 --elems-per-thread 60 --rows-per-block 4" ;;
    5632) echo "--threads-per-row 32 --elems-per-thread 176 --rows-per-block 8" ;;
    6656) echo "--threads-per-row 128 --elems-per-thread 52 --rows-per-block 2" ;;
    7680) echo "--threads-per-row 128 --elems-per-thread 60 --rows-per-block 2" ;;
  esac
}
for rows in 65536 16384; do
  mkdir -p /tmp/sets/d$rows /tmp/sets/l$rows
  hs="--target cuda --dtype f16 --rows $rows --cross-warp mma --vector-width 2"
  for d in 3840 5632 6656 7680; do
    $W compile --target cuda --dtype f16 --d $d --rows $rows --out /tmp/sets/d$rows >/dev/null
    $W compile $hs --d $d $(lay $d) --out /tmp/sets/l$rows >/dev/null
  done
  $W compile $hs --d 6656 --threads-per-row 64 --elems-per-thread 104 --rows-per-block 2 --out /tmp/sets/l$rows >/dev/null
done
for d in 3840 5632 6656 7680; do
  hs="--target cuda --rows 65536 --cross-warp mma --vector-width 2 $(lay $d)"
  $W compile $hs --dtype f16 --d $d --transpose --out /tmp/sets/forms >/dev/null
  $W compile $hs --dtype f16 --d $d --no-affine --out /tmp/sets/forms >/dev/null
  $W compile $hs --dtype f16 --d $d --out-dtype bf16 --out /tmp/sets/forms >/dev/null
  $W compile $hs --dtype f16 --d $d --out-dtype f32 --out /tmp/sets/forms >/dev/null
  $W compile $hs --dtype bf16 --d $d --out-dtype f16 --out /tmp/sets/forms >/dev/null
done
find /tmp/sets -name "*.ptx" -delete
