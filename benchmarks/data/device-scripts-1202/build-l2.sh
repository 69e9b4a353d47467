#!/usr/bin/env bash
# run264's kernel sets: the fp32 7680, 6656 and 3840 defaults (base/), the
# same without a and b (noaff/), and base's PTX edited by l1-hints-edit.py,
# assembled with ptxas -O3: x's loads L1::no_allocate (x/), a's and b's
# ld.global.nc.L1::evict_last (a/), both (xa/).
set -eu
ROOT=$PWD
W=${W:-$ROOT/build/bin/walsh}
E=$ROOT/benchmarks/data/device-scripts-1202/l1-hints-edit.py
export WALSH_CACHE_DIR=none
rm -rf /tmp/l2 && mkdir -p /tmp/l2 && cd /tmp/l2
mkdir -p base noaff x xa a
for d in 7680 6656 3840; do
  m=$((d / 128)); [ $d = 3840 ] && m=60
  $W compile --target cuda --dtype f32 --d $d --rows 65536 --out base
  $W compile --target cuda --dtype f32 --d $d --rows 65536 --no-affine --out noaff
  for v in x xa a; do
    cp base/outproj_d${d}_f32_sm_90.json $v/
    python3 $E base/outproj_d${d}_f32_sm_90.ptx $v/outproj_d${d}_f32_sm_90.ptx $v $m
    ptxas -arch=sm_90 -O3 $v/outproj_d${d}_f32_sm_90.ptx -o $v/outproj_d${d}_f32_sm_90.cubin
  done
done
cd /tmp && tar cf - l2 | xz -T2 -6 > "$ROOT/.device/l2.tar.xz"
