#!/usr/bin/env bash
# run285's kernels (the split layout on tensor cores with g dense indices
# a warp and a and b in shared memory, the new defaults in the build):
#  - /tmp/sg2/dflt/<dtype>: this build's defaults at 3072, 6144, 7168,
#    10240, 12288 (the split layout now);
#  - /tmp/sg2/sm/<dtype>-<form>: the same in every form (transposed,
#    without a and b, fp32 and the other 16-bit output);
#  - /tmp/sg2/big/<dtype>: the defaults at 14336, 20480, 24576, 28672 (and
#    bf16 9216, 11264, 13312, 15360), unchanged by this build;
#  - /tmp/sg2/x/<d>-g<g>-<dtype>: the split layout given at those sizes.
set -eu
W=${W:-./build/bin/walsh}
O=/tmp/sg2; rm -rf $O; mkdir -p $O
export WALSH_CACHE_DIR=none
for dt in bf16 f16; do
  other=f16; [ $dt = f16 ] && other=bf16
  mkdir -p $O/dflt/$dt $O/big/$dt
  for d in 3072 6144 7168 10240 12288; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $O/dflt/$dt >/dev/null
  done
  for form in transpose noaffine f32out otherout; do
    case $form in
      transpose) args="--transpose";; noaffine) args="--no-affine";;
      f32out) args="--out-dtype f32";; otherout) args="--out-dtype $other";;
    esac
    mkdir -p $O/sm/$dt-$form
    for d in 3072 6144 7168 10240 12288; do
      $W compile --target cuda --dtype $dt --d $d --rows 65536 $args --out $O/sm/$dt-$form >/dev/null
    done
  done
  sizes="14336 20480 24576 28672"
  [ $dt = bf16 ] && sizes="$sizes 9216 11264 13312 15360"
  for d in $sizes; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $O/big/$dt >/dev/null
  done
  while read -r d m g; do
    tpr=$((32 * m / g))
    mkdir -p $O/x/$d-g$g-$dt
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --cross-warp mma --vector-width 4 \
      --rows-per-block 1 --threads-per-row $tpr --elems-per-thread $((d / tpr)) --out $O/x/$d-g$g-$dt >/dev/null
  done <<'LIST'
14336 28 2
14336 28 4
20480 20 1
20480 20 2
24576 12 1
28672 28 2
LIST
done
