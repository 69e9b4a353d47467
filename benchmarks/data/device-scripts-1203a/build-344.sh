#!/usr/bin/env bash
# run344's kernel sets (2026-12-03): the tensor-core kernels' defaults at
# 16384 and 65536 rows, compiled by one build into /tmp/sets/$TAG/r<rows>
# (TAG old: before the prologue change; new: after). Usage:
#   build-344.sh TAG [walsh]. No .ptx.
set -eu
TAG=$1
W=${2:-build/bin/walsh}
export WALSH_CACHE_DIR=none
for rows in 16384 65536; do
  o=/tmp/sets/$TAG/r$rows; rm -rf $o; mkdir -p $o
  for dt in bf16 f16; do
    for d in 288 320 576 704 768 1280 1536 2048 3328 3584 4096 4608 5632 6656 7168 7680 8192 9216 13312 16384; do
      $W compile --target cuda --dtype $dt --d $d --rows $rows --out $o >/dev/null
    done
  done
  for d in 480 960 1664 1920; do
    $W compile --target cuda --dtype f32 --d $d --rows $rows --out $o >/dev/null
  done
done
find /tmp/sets/$TAG -name "*.ptx" -delete
