#!/usr/bin/env bash
# run277's kernels: the split layout on tensor cores (cross_warp = mma, a
# warp a dense index) as walsh compiles it: the new 16-bit defaults at
# 6144, 10240, 12288 in every form (plain, transposed, without a and b, f32
# and the other 16-bit output) under sm/<dtype>-<form>/; the old defaults
# (the split layout with shuffles) under old/, copied from build-ws.sh's
# TAG=before set; and other sizes given the layout explicitly under
# x/<d>-<dtype>/.
set -eu
W=${W:-./build/bin/walsh}
O=/tmp/sm; rm -rf $O; mkdir -p $O
export WALSH_CACHE_DIR=none
for dt in bf16 f16; do
  other=f16; [ $dt = f16 ] && other=bf16
  for form in plain transpose noaffine f32out otherout; do
    case $form in
      plain) args="";; transpose) args="--transpose";; noaffine) args="--no-affine";;
      f32out) args="--out-dtype f32";; otherout) args="--out-dtype $other";;
    esac
    mkdir -p $O/sm/$dt-$form
    for d in 6144 10240 12288; do
      $W compile --target cuda --dtype $dt --d $d --rows 65536 $args --out $O/sm/$dt-$form >/dev/null
    done
  done
  mkdir -p $O/old/$dt
  for d in 6144 10240 12288; do cp /tmp/ws/before/dflt-65536-$dt/outproj_d${d}_${dt}_sm_90.* $O/old/$dt/; done
done
while read -r d m; do
  for dt in bf16 f16; do
    mkdir -p $O/x/$d-$dt
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --cross-warp mma --vector-width 4 \
      --rows-per-block 1 --threads-per-row $((32 * m)) --elems-per-thread $((d / 32 / m)) --out $O/x/$d-$dt >/dev/null
  done
done <<'LIST'
3072 12
5120 20
7168 28
20480 20
24576 12
LIST
