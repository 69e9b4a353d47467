#!/usr/bin/env bash
# Kernels of device run 420 (2026-12-04), compiled on the development VM
# with the dense-index transpose (gpuDenseTranspose: the levels across
# warps as one transpose across dense indices) in the working tree: each
# size's default (fp32 m >= 36 over 128 ... 1024 threads, m values a
# thread) as compiled now, and the same configuration without the form
# ('_old': a throwaway switch in that build, WALSH_EXP_NODT, which makes
# gpuDenseTranspose false; not committed), and at 3840 (two warps a row)
# the form where another switch (WALSH_EXP_DTW2) let it take two warps.
# Usage: build420.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
c() { local dir=$1; shift; WALSH_CACHE_DIR=none "$BIN/walsh" compile --target cuda --dtype f32 "$@" --out "$dir" >/dev/null; }
old() {
  local dir=$1; shift
  local tmp; tmp=$(mktemp -d)
  WALSH_EXP_NODT=1 c "$tmp" "$@"
  for j in "$tmp"/*.json; do
    n=$(basename "$j" .json)
    sed -i "s/\"name\": \"$n\"/\"name\": \"${n}_old\"/" "$j"
    for f in "$tmp/$n".*; do mv "$f" "$dir/${n}_old.${f##*.}"; done
  done
  rmdir "$tmp"
}
for d in 9216 11264 13312 15360 18432 22528 28672; do
  c "$OUT/r16384" --d $d --rows 16384
  old "$OUT/r16384" --d $d --rows 16384
done
for d in 4608 5632 6656 7680; do
  c "$OUT/r65536" --d $d --rows 65536
  old "$OUT/r65536" --d $d --rows 65536
done
tmp=$(mktemp -d)
WALSH_EXP_DTW2=1 c "$tmp" --d 3840 --rows 65536
for j in "$tmp"/*.json; do
  n=$(basename "$j" .json)
  sed -i "s/\"name\": \"$n\"/\"name\": \"${n}_dt2\"/" "$j"
  for f in "$tmp/$n".*; do mv "$f" "$OUT/r65536/${n}_dt2.${f##*.}"; done
done
rmdir "$tmp"
c "$OUT/r65536" --d 3840 --rows 65536
