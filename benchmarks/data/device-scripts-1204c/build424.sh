#!/usr/bin/env bash
# Kernels of device run 424 (2026-12-04), compiled on the development VM
# with 23e0ec6's walsh (the dense-index transpose): configurations that
# would take the form at sizes whose defaults do not (m values a thread
# over 4 to 16 warps, cross_warp = shared, vector_width 1), each beside
# the size's default: fp32 at 16384 rows 14336 (28 x 512), 26624 (52 x
# 512), 30720 (60 x 512), 6144 (12 x 512), 10240 (20 x 512), 5120 (20 x
# 256), 7168 (28 x 256); fp32 3584 (28 x 128) at 65536 rows; 16-bit at
# 65536 rows bf16 6656 (52 x 128), 7168 (28 x 256), f16 7680 (60 x 128).
# Usage: build424.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
c() { local dir=$1; shift; WALSH_CACHE_DIR=none "$BIN/walsh" compile --target cuda "$@" --out "$dir" >/dev/null; }
dt="--cross-warp shared --vector-width 1 --rows-per-block 1"
for spec in "14336 28 512" "26624 52 512" "30720 60 512" "6144 12 512" \
            "10240 20 512" "5120 20 256" "7168 28 256"; do
  set -- $spec
  c "$OUT/r16384" --dtype f32 --d $1 --rows 16384
  c "$OUT/r16384" --dtype f32 --d $1 $dt --elems-per-thread $2 --threads-per-row $3
done
for spec in "f32 3584 28 128" "bf16 6656 52 128" "bf16 7168 28 256" "f16 7680 60 128"; do
  set -- $spec
  c "$OUT/r65536" --dtype $1 --d $2 --rows 65536
  c "$OUT/r65536" --dtype $1 --d $2 $dt --elems-per-thread $3 --threads-per-row $4
done
