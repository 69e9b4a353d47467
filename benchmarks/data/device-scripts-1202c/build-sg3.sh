#!/usr/bin/env bash
# run286's kernels: the new split-layout defaults past 12288 (14336,
# 20480, 24576, 28672) in every form under /tmp/sg3/sm/<dtype>-<form>/, and
# the split layout given at dense factors m >= 36 (bf16) under
# /tmp/sg3/x/<d>-g<g>/.
set -eu
W=${W:-./build/bin/walsh}
O=/tmp/sg3; rm -rf $O; mkdir -p $O
export WALSH_CACHE_DIR=none
for dt in bf16 f16; do
  other=f16; [ $dt = f16 ] && other=bf16
  for form in plain transpose noaffine f32out otherout; do
    case $form in
      plain) args="";; transpose) args="--transpose";; noaffine) args="--no-affine";;
      f32out) args="--out-dtype f32";; otherout) args="--out-dtype $other";;
    esac
    mkdir -p $O/sm/$dt-$form
    for d in 14336 20480 24576 28672; do
      $W compile --target cuda --dtype $dt --d $d --rows 65536 $args --out $O/sm/$dt-$form >/dev/null
    done
  done
done
while read -r d m g; do
  tpr=$((32 * m / g))
  mkdir -p $O/x/$d-g$g
  $W compile --target cuda --dtype bf16 --d $d --rows 65536 --cross-warp mma --vector-width 4 \
    --rows-per-block 1 --threads-per-row $tpr --elems-per-thread $((d / tpr)) --out $O/x/$d-g$g >/dev/null
done <<'LIST'
9216 36 2
9216 36 4
11264 44 2
11264 44 4
13312 52 2
13312 52 4
15360 60 2
15360 60 4
18432 36 2
18432 36 4
LIST
