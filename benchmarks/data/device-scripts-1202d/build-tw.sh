#!/usr/bin/env bash
# run296's kernels: /tmp/k9/new (made by hand beside this script: the
# build's defaults at 2^k = 8 with H_8 as an m16n8k8 mma) and /tmp/k9/cap
# (288 with `.minnctapersm 3` added to its PTX, assembled by ptxas -O3);
# here /tmp/k9/tw/<dt>-dflt the defaults at bf16 3840, 6656, 7680, 1280
# and f16 alike, /tmp/k9/tw/<dt>-win the configurations run294's walsh
# tune preferred, and /tmp/k9/tw/forms the winners transposed, without a
# and b, to fp32 and to the other 16-bit type.
set -eu
W=${W:-./build/bin/walsh}
O=/tmp/k9/tw; rm -rf $O; mkdir -p $O/forms
export WALSH_CACHE_DIR=none
win() { # d elems threads rows vw
  echo "--d $1 --cross-warp mma --elems-per-thread $2 --threads-per-row $3 --rows-per-block $4 --vector-width $5"
}
for dt in bf16 f16; do
  other=f16; [ $dt = f16 ] && other=bf16
  mkdir -p $O/$dt-dflt $O/$dt-win
  for d in 1280 3840 6656 7680; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $O/$dt-dflt >/dev/null
  done
  for w in "3840 60 64 4 2" "3840 30 128 4 2" "6656 52 128 2 2" "7680 60 128 2 2" "1280 40 32 4 4"; do
    $W compile --target cuda --dtype $dt --rows 65536 $(win $w) --out $O/$dt-win >/dev/null
    for args in --transpose --no-affine "--out-dtype f32" "--out-dtype $other"; do
      $W compile --target cuda --dtype $dt --rows 65536 $(win $w) $args --out $O/forms >/dev/null
    done
  done
done
# The 2^k = 8 defaults (H_8 as an m16n8k8 mma) in every form.
mkdir -p /tmp/k9/k8forms
for dt in bf16 f16; do
  other=f16; [ $dt = f16 ] && other=bf16
  for d in 96 160 224 288 352 416 480; do
    for args in --transpose --no-affine "--out-dtype f32" "--out-dtype $other"; do
      $W compile --target cuda --dtype $dt --d $d --rows 65536 $args --out /tmp/k9/k8forms >/dev/null
    done
  done
done
