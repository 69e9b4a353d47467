#!/usr/bin/env bash
# run344's other sets: the power-of-two split's defaults (16-bit 4096,
# 8192, 16384) at 384, 512 and 768 rows beside the default without
# tensor cores (--cross-warp transpose): /tmp/sets/r<rows>-<dt>, as
# build-342.sh does for 256, 1024 and 4096. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
for dt in bf16 f16; do
  for rows in 384 512 768; do
    o=/tmp/sets/r$rows-$dt; rm -rf $o; mkdir -p $o
    for d in 4096 8192 16384; do
      $W compile --target cuda --dtype $dt --d $d --rows $rows --out $o >/dev/null
      $W compile --target cuda --dtype $dt --d $d --rows $rows --cross-warp transpose --out $o >/dev/null
    done
  done
done
find /tmp/sets -name "*.ptx" -delete
