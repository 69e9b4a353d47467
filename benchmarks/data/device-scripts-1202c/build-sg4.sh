#!/usr/bin/env bash
# run287's kernels: the new split-layout defaults at m >= 36 (9216, 11264,
# 13312, 18432; a warp four dense indices, pieces of one position) in
# every form under /tmp/sg4/sm/<dtype>-<form>/.
set -eu
W=${W:-./build/bin/walsh}
O=/tmp/sg4; rm -rf $O; mkdir -p $O
export WALSH_CACHE_DIR=none
for dt in bf16 f16; do
  other=f16; [ $dt = f16 ] && other=bf16
  for form in plain transpose noaffine f32out otherout; do
    case $form in
      plain) args="";; transpose) args="--transpose";; noaffine) args="--no-affine";;
      f32out) args="--out-dtype f32";; otherout) args="--out-dtype $other";;
    esac
    mkdir -p $O/sm/$dt-$form
    for d in 9216 11264 13312 18432; do
      $W compile --target cuda --dtype $dt --d $d --rows 65536 $args --out $O/sm/$dt-$form >/dev/null
    done
  done
done
