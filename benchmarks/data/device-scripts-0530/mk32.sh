#!/usr/bin/env bash
# Device run 32 (2026-11-30): the final split defaults (new/) at 65536 and
# 16384 rows against the old defaults (v31 old/), and variants: no row
# groups (i1), 64 values a thread (e64).
set -u
cd /work/main
export WALSH_CACHE_DIR=none
W=./build/bin/walsh
V=.device/v32; rm -rf $V; mkdir -p $V/new/r65 $V/new/r16 $V/var
for dt in bf16 f16 f32; do
  for d in 12288 20480 24576; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $V/new/r65 > /dev/null || echo FAILED
    $W compile --target cuda --dtype $dt --d $d --rows 16384 --out $V/new/r16 > /dev/null || echo FAILED
  done
done
for d in 12288 20480 24576; do
  $W compile --target cuda --dtype bf16 --d $d --elems-per-thread 32 --threads-per-row $((d / 32)) --vector-width 8 --cross-warp transpose --rows-per-block 1 --out $V/var > /dev/null || echo FAILED
  $W compile --target cuda --dtype bf16 --d $d --elems-per-thread 64 --threads-per-row $((d / 64)) --vector-width 8 --cross-warp transpose --rows-per-block 1 --row-iters 4 --out $V/var > /dev/null || echo FAILED
  $W compile --target cuda --dtype f32 --d $d --elems-per-thread 64 --threads-per-row $((d / 64)) --vector-width 4 --cross-warp transpose --rows-per-block 1 --out $V/var > /dev/null || echo FAILED
done
find $V -name '*.ptx' -delete
tar xJf .device/v31.tar.xz -C .device v31/old && mv .device/v31/old $V/old && rm -rf .device/v31
tar cJf .device/v32.tar.xz -C .device v32 && rm -rf $V && ls -la .device/v32.tar.xz
