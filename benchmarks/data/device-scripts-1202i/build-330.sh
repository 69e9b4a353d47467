#!/usr/bin/env bash
# run330's kernel sets: fp32 d = 28672's new default (28 values over 1024
# threads, one lane) against the old (56 over 512, two lanes), the new
# default's forms (transposed, without a and b). No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/o /tmp/sets/n /tmp/sets/forms
$W compile --target cuda --dtype f32 --d 28672 --rows 65536 --out /tmp/sets/n >/dev/null
$W compile --target cuda --dtype f32 --d 28672 --rows 65536 --cross-warp shared --elems-per-thread 56 --threads-per-row 512 --vector-width 2 --rows-per-block 1 --out /tmp/sets/o >/dev/null
$W compile --target cuda --dtype f32 --d 28672 --rows 65536 --transpose --out /tmp/sets/forms >/dev/null
$W compile --target cuda --dtype f32 --d 28672 --rows 65536 --no-affine --out /tmp/sets/forms >/dev/null
find /tmp/sets -name "*.ptx" -delete
