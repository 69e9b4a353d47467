#!/usr/bin/env bash
# run337's kernel sets: 16-bit 4096 at its default (the same at 16384 and
# 65536 rows: 64 values over 64 threads, two rows a block, four row
# groups) beside the power-of-two split on tensor cores at M = 4, 8 and 16
# (run336's walsh tune picked M = 8, 1.03-1.06 x): /tmp/sets/p4096-<dt>;
# M = 8 and the default in their forms (transposed, without a and b, to
# fp32, to the other 16-bit type): /tmp/sets/f4096-<dt>; f16 8192 at 16384
# rows, the default beside M = 4 (the tuner's 1.03 x): /tmp/sets/p8192. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/p8192
mma="--cross-warp mma --vector-width 4 --rows-per-block 1"
for dt in bf16 f16; do
  other=f16; [ $dt = f16 ] && other=bf16
  mkdir -p /tmp/sets/p4096-$dt /tmp/sets/f4096-$dt
  $W compile --target cuda --dtype $dt --d 4096 --rows 65536 --out /tmp/sets/p4096-$dt >/dev/null
  for te in "128 32" "256 16" "512 8"; do
    set -- $te
    $W compile --target cuda --dtype $dt --d 4096 --rows 65536 $mma --threads-per-row $1 --elems-per-thread $2 --out /tmp/sets/p4096-$dt >/dev/null
  done
  for form in "--transpose" "--no-affine" "--out-dtype f32" "--out-dtype $other"; do
    $W compile --target cuda --dtype $dt --d 4096 --rows 65536 $form --out /tmp/sets/f4096-$dt >/dev/null
    $W compile --target cuda --dtype $dt --d 4096 --rows 65536 $form $mma --threads-per-row 256 --elems-per-thread 16 --out /tmp/sets/f4096-$dt >/dev/null
  done
done
$W compile --target cuda --dtype f16 --d 8192 --rows 16384 --out /tmp/sets/p8192 >/dev/null
$W compile --target cuda --dtype f16 --d 8192 --rows 16384 $mma --threads-per-row 128 --elems-per-thread 64 --out /tmp/sets/p8192 >/dev/null
find /tmp/sets -name "*.ptx" -delete
ls /tmp/sets/*
