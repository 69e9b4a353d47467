#!/usr/bin/env bash
# run343's kernel sets (2026-12-03): run342's (the power-of-two split's
# defaults, 16-bit 4096, 8192 and 16384, at 256, 1024 and 4096 rows beside
# the default without tensor cores: /tmp/sets/r<rows>-<dt>), and bf16 32768
# in bulk: the default (e128 t256 transposes, 16 row groups) beside row
# groups of 2, 4, 8 and 32, four-element vectors, and e64 t512 with 8 and
# 16 row groups (/tmp/sets/x32768). No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
bash "$(dirname "$0")/../device-scripts-1202j/build-342.sh" "$W"
o=/tmp/sets/x32768; mkdir -p $o
c="--target cuda --dtype bf16 --d 32768 --out $o"
$W compile $c --rows 65536 >/dev/null
for k in 2 4 8 32; do
  $W compile $c --elems-per-thread 128 --threads-per-row 256 --vector-width 8 --cross-warp transpose --row-iters $k >/dev/null
done
$W compile $c --elems-per-thread 128 --threads-per-row 256 --vector-width 4 --cross-warp transpose --row-iters 16 >/dev/null
for k in 8 16; do
  $W compile $c --elems-per-thread 64 --threads-per-row 512 --vector-width 8 --cross-warp transpose --row-iters $k >/dev/null
done
find /tmp/sets -name "*.ptx" -delete
