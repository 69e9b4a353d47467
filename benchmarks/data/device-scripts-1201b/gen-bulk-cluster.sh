#!/usr/bin/env bash
# Bulk-row cluster kernels beside the defaults, for walsh-gpu side by side
# (run198): fp32 16384 and 32768, 16-bit 16384 and 32768, clusters of 2,
# 4 and 8 blocks a row over slices laid out as the bulk defaults of that
# slice size lay out a row (no row groups: a cluster takes none).
set -eu
OUT=$1; W=${2:-build/bin/walsh}
rm -rf "$OUT"; mkdir -p "$OUT/r16384" "$OUT/r65536"
c() { WALSH_CUDA_BIN=none WALSH_CACHE_DIR=none $W compile --target cuda "$@" >/dev/null; }
for rows in 16384 65536; do
  o="$OUT/r$rows"
  for dt in f32 bf16 f16; do
    for d in 16384 32768; do c --dtype $dt --d $d --rows $rows --out "$o"; done
  done
  # fp32: slices of 8192 (e32 t256), 4096 (e32 t128, e16 t256), 2048.
  for d in 16384 32768; do
    c --dtype f32 --d $d --rows $rows --vector-width 4 --rows-per-block 1 --cross-warp transpose --cluster 2 --elems-per-thread 32 --threads-per-row $((d/2/32)) --out "$o"
    c --dtype f32 --d $d --rows $rows --vector-width 4 --rows-per-block 1 --cross-warp transpose --cluster 4 --elems-per-thread 32 --threads-per-row $((d/4/32)) --out "$o"
    c --dtype f32 --d $d --rows $rows --vector-width 4 --rows-per-block 1 --cross-warp transpose --cluster 8 --elems-per-thread 32 --threads-per-row $((d/8/32)) --out "$o"
  done
  for dt in bf16 f16; do
    for d in 16384 32768; do
      for cl in 2 4 8; do
        for e in 32 64; do
          t=$((d/cl/e)); [ $t -le 1024 ] && [ $((e/8)) -ge $cl ] || continue
          c --dtype $dt --d $d --rows $rows --vector-width 8 --rows-per-block 1 --cross-warp transpose --cluster $cl --elems-per-thread $e --threads-per-row $t --out "$o"
        done
      done
    done
  done
done
ls "$OUT"/r16384 | grep -c json
