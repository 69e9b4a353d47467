#!/usr/bin/env bash
# run345's sets (2026-12-03): (1) /tmp/sets2/{old,new}/r<rows>: the small
# tensor-core kernels run344 had 0.01-0.04 slower after the prologue
# change (288, 320, 576, 704 in 16 bits, fp32 480 and 960, f16 7168) and
# 3328 as a control, copied from build-344.sh's sets (old: the build
# before the change); (2) /tmp/sets2/r<rows>-<dt>: 16-bit 4096 and 8192 at
# 128 and 192 rows, the default (now the transposes below 257 / 385 rows)
# beside the split on tensor cores (256 threads). And the whole GPU
# conformance set of this build: tests/gpu/gpu-conformance.sh build/bin
# --compile-only /tmp/conf. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets2 && mkdir -p /tmp/sets2
for t in old new; do
  for r in 16384 65536; do
    o=/tmp/sets2/$t/r$r; mkdir -p $o
    for d in 288 320 576 704 3328 7168; do
      for dt in bf16 f16; do cp /tmp/sets/$t/r$r/outproj_d${d}_${dt}_sm_90.* $o/; done
    done
    for d in 480 960; do cp /tmp/sets/$t/r$r/outproj_d${d}_f32_sm_90.* $o/; done
  done
done
for dt in bf16 f16; do
  for rows in 128 192; do
    o=/tmp/sets2/r$rows-$dt; mkdir -p $o
    for d in 4096 8192; do
      $W compile --target cuda --dtype $dt --d $d --rows $rows --out $o >/dev/null
      $W compile --target cuda --dtype $dt --d $d --rows $rows --cross-warp mma \
        --threads-per-row 256 --elems-per-thread $((d / 256)) --vector-width 4 \
        --rows-per-block 1 --out $o >/dev/null
    done
  done
done
find /tmp/sets2 -name "*.ptx" -delete
