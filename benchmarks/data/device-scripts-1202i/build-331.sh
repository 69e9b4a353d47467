#!/usr/bin/env bash
# run331's kernel sets: fp32 7168's default (56 values over 128 threads)
# against run329's pick (the split layout with shuffles: 16 values over
# 448 threads, four lanes) and the same through transposes. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/a
$W compile --target cuda --dtype f32 --d 7168 --rows 65536 --out /tmp/sets/a >/dev/null
for x in shared transpose; do
  $W compile --target cuda --dtype f32 --d 7168 --rows 65536 --cross-warp $x --elems-per-thread 16 --threads-per-row 448 --vector-width 4 --rows-per-block 1 --out /tmp/sets/a >/dev/null
done
find /tmp/sets -name "*.ptx" -delete
