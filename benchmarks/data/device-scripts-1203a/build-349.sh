#!/usr/bin/env bash
# run349's sets (2026-12-03): build-348.sh's kernels (and 704, 3584)
# compiled with the fills' thread index passed through an asm with side
# effects (MmaBuilder::opaqueIndex), into /tmp/sets4/opq/r<rows>; beside
# build-348.sh's old and new (old also given 704 and 3584 from
# build-344.sh's old set, /tmp/sets/old). No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
bash "$(dirname "$0")/build-348.sh" opq "$W"
for rows in 16384 65536; do
  for dt in bf16 f16; do
    for d in 704 3584; do
      $W compile --target cuda --dtype $dt --d $d --rows $rows --out /tmp/sets4/opq/r$rows >/dev/null
      cp /tmp/sets/old/r$rows/outproj_d${d}_${dt}_sm_90.* /tmp/sets4/old/r$rows/
    done
  done
done
find /tmp/sets4 -name "*.ptx" -delete
