#!/usr/bin/env bash
# run342's kernel sets: the power-of-two split's defaults (16-bit 4096,
# 8192, 16384) at few rows (256, 1024, 4096), beside the default without
# tensor cores for the same row count (--cross-warp transpose: the old
# default): /tmp/sets/r<rows>-<dt>. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets
for dt in bf16 f16; do
  for rows in 256 1024 4096; do
    o=/tmp/sets/r$rows-$dt; mkdir -p $o
    for d in 4096 8192 16384; do
      $W compile --target cuda --dtype $dt --d $d --rows $rows --out $o >/dev/null
      $W compile --target cuda --dtype $dt --d $d --rows $rows --cross-warp transpose --out $o >/dev/null
    done
  done
done
find /tmp/sets -name "*.ptx" -delete
