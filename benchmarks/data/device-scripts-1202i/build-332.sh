#!/usr/bin/env bash
# run332's kernel sets: fp32 7168's new default in its other forms
# (/tmp/sets/forms: transposed, without a and b, to bf16 and to f16);
# 16-bit 5632 (44 x 128) at its default (H_m on tensor cores, one warp a
# row, eight rows a block) against two warps a row of two rows (run331's
# walsh tune pick for bf16 at 16384 rows): /tmp/sets/d, /tmp/sets/w. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/forms /tmp/sets/d /tmp/sets/w
f="--target cuda --dtype f32 --d 7168 --rows 65536 --out /tmp/sets/forms"
$W compile $f --transpose >/dev/null
$W compile $f --no-affine >/dev/null
$W compile $f --out-dtype bf16 >/dev/null
$W compile $f --out-dtype f16 >/dev/null
for dt in bf16 f16; do
  $W compile --target cuda --dtype $dt --d 5632 --rows 16384 --out /tmp/sets/d >/dev/null
  $W compile --target cuda --dtype $dt --d 5632 --rows 16384 --cross-warp mma --vector-width 2 --threads-per-row 64 --elems-per-thread 88 --rows-per-block 2 --out /tmp/sets/w >/dev/null
done
find /tmp/sets -name "*.ptx" -delete
