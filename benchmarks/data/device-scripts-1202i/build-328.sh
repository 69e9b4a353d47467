#!/usr/bin/env bash
# run328's kernel sets: f16 rows' m-point stage in the split layout as one
# tf32 piece (MmaKernel.cpp's splitDenseStageTf32, 'vector_width' = 8)
# against the f16 defaults (hi + lo at 13312 and 15360 under the throwaway
# WALSH_EXP_SPLITTF32=0, the sign program elsewhere): /tmp/sets/d{rows}
# (the defaults), /tmp/sets/t (tf32 layouts, g dense indices a warp),
# /tmp/sets/forms (transposed, without a and b, a scale alone). No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/t /tmp/sets/forms
for rows in 65536 16384; do
  mkdir -p /tmp/sets/d$rows
  for d in 7168 9216 11264 13312 14336 15360 18432 20480; do
    WALSH_EXP_SPLITTF32=0 $W compile --target cuda --dtype f16 --d $d --rows $rows --out /tmp/sets/d$rows >/dev/null
  done
done
hf="--target cuda --dtype f16 --rows 65536 --cross-warp mma --vector-width 8 --rows-per-block 1"
for s in "7168 448" "9216 576" "9216 288" "11264 352" "11264 704" "13312 416" "13312 832" \
         "14336 448" "15360 480" "18432 576" "20480 640" "10240 320"; do
  set -- $s
  $W compile $hf --d $1 --threads-per-row $2 --elems-per-thread $(( $1 / $2 )) --out /tmp/sets/t >/dev/null
done
for s in "9216 576" "13312 416" "15360 480"; do
  set -- $s
  l="--threads-per-row $2 --elems-per-thread $(( $1 / $2 ))"
  $W compile $hf --d $1 $l --transpose --out /tmp/sets/forms >/dev/null
  $W compile $hf --d $1 $l --no-affine --out /tmp/sets/forms >/dev/null
done
find /tmp/sets -name "*.ptx" -delete
