#!/usr/bin/env bash
# run291's kernels: every form (as given, transposed, without a and b, to
# fp32, to the other 16-bit type) of each default that stage 2's one
# piece changed: bf16 H_m on tensor cores from 64 positions on, f16 the
# split layout on tensor cores. /tmp/s2f/<dt>-<form>.
set -eu
W=${W:-./build/bin/walsh}
O=/tmp/s2f; rm -rf $O; mkdir -p $O
export WALSH_CACHE_DIR=none
for dt in bf16 f16; do
  other=f16; [ $dt = f16 ] && other=bf16
  sizes="768 2816 3328 3840 4608 5120 5632 6656 7680"
  [ $dt = f16 ] && sizes="3072 6144 7168 9216 10240 11264 12288 13312 14336 18432 20480 24576 28672"
  for form in plain transpose noaffine f32out otherout; do
    case $form in
      plain) args="";; transpose) args="--transpose";; noaffine) args="--no-affine";;
      f32out) args="--out-dtype f32";; otherout) args="--out-dtype $other";;
    esac
    mkdir -p $O/$dt-$form
    for d in $sizes; do
      $W compile --target cuda --dtype $dt --d $d --rows 65536 $args --out $O/$dt-$form >/dev/null
    done
  done
done
