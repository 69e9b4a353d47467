#!/usr/bin/env bash
# Kernels of device run 426 (2026-12-04), compiled on the development VM
# with 939bec2's walsh plus the dense-index transpose for two or four
# positions a thread (one vector of each dense index: elems_per_thread =
# 2m or 4m, vector_width at least that), behind a throwaway switch in that
# build (WALSH_EXP_DTV, not committed): such configurations beside each
# size's default (compiled without the switch). fp32 and 16-bit at 16384
# rows, fp32 28672 and bf16 7168 at 65536.
# Usage: build426.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
c() { local dir=$1; shift; WALSH_CACHE_DIR=none "$BIN/walsh" compile --target cuda "$@" --out "$dir" >/dev/null; }
v() { local dir=$1; shift; WALSH_EXP_DTV=1 c "$dir" "$@"; }
dt="--cross-warp shared --rows-per-block 1"
for spec in "f32 28672 56 512 2" "f32 20480 40 512 2" "f32 12288 24 512 2" \
            "f32 24576 48 512 4" "bf16 20480 40 512 2" "bf16 28672 56 512 2" \
            "bf16 18432 72 256 2" "f16 14336 56 256 2" "bf16 9216 72 128 2"; do
  set -- $spec
  c "$OUT/r16384" --dtype $1 --d $2 --rows 16384
  v "$OUT/r16384" --dtype $1 --d $2 $dt --elems-per-thread $3 --threads-per-row $4 --vector-width $5
done
# (fp32 28672's default at 65536 rows is the same configuration: the
# defaults here are renamed '_dflt'.)
for spec in "f32 28672 56 512 2" "bf16 7168 56 128 2"; do
  set -- $spec
  tmp=$(mktemp -d)
  c "$tmp" --dtype $1 --d $2 --rows 65536
  for j in "$tmp"/*.json; do
    n=$(basename "$j" .json)
    sed -i "s/\"name\": \"$n\"/\"name\": \"${n}_dflt\"/" "$j"
    for f in "$tmp/$n".*; do mv "$f" "$OUT/r65536/${n}_dflt.${f##*.}"; done
  done
  rmdir "$tmp"
  v "$OUT/r65536" --dtype $1 --d $2 $dt --elems-per-thread $3 --threads-per-row $4 --vector-width $5
done
