#!/usr/bin/env bash
# run324's sets: 3584's new default (H_m on tensor cores) in its other
# forms (transposed, without a and b, the output casts) into
# /tmp/sets/forms; to an fp32 output (stage 2 hi + lo either way) the new
# default (n) against the tiles (o: the old default, e112 t32 r8 v4), for
# 65536 and 16384 rows. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/forms
for dt in bf16 f16; do
  $W compile --target cuda --dtype $dt --d 3584 --rows 65536 --transpose --out /tmp/sets/forms >/dev/null
  $W compile --target cuda --dtype $dt --d 3584 --rows 65536 --no-affine --out /tmp/sets/forms >/dev/null
  $W compile --target cuda --dtype $dt --d 3584 --rows 65536 --transpose --no-affine --out /tmp/sets/forms >/dev/null
done
$W compile --target cuda --dtype bf16 --d 3584 --rows 65536 --out-dtype f16 --out /tmp/sets/forms >/dev/null
$W compile --target cuda --dtype f16 --d 3584 --rows 65536 --out-dtype bf16 --out /tmp/sets/forms >/dev/null
for rows in 65536 16384; do
  mkdir -p /tmp/sets/n$rows /tmp/sets/o$rows
  for dt in bf16 f16; do
    $W compile --target cuda --dtype $dt --d 3584 --rows $rows --out-dtype f32 --out /tmp/sets/n$rows >/dev/null
    $W compile --target cuda --dtype $dt --d 3584 --rows $rows --out-dtype f32 --cross-warp mma --vector-width 4 --threads-per-row 32 --elems-per-thread 112 --rows-per-block 8 --out /tmp/sets/o$rows >/dev/null
  done
done
find /tmp/sets -name "*.ptx" -delete
