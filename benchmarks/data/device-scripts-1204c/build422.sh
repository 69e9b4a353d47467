#!/usr/bin/env bash
# Kernels of device run 422 (2026-12-04), compiled on the development VM
# with the dense-index transpose (gpuDenseTranspose: the levels across
# warps as one transpose across dense indices) in the working tree: each
# size's default (fp32 m >= 36 over 128 ... 1024 threads, m values a
# thread) as compiled now, and the same configuration without the form
# ('_old': a throwaway switch in that build, WALSH_EXP_NODT, which makes
# gpuDenseTranspose false; not committed), and at 3840 (two warps a row)
# the form where another switch (WALSH_EXP_DTW2) let it take two warps.
# Since run420 a and b load in batches of eight values, each batch before
# the previous batch's stores (four at 1024 threads). Also 11264 with the
# form's registers capped at two blocks (WALSH_EXP_DTCAP, '_cap') and
# 28672 with batches of eight (WALSH_EXP_DTB=8, '_b8'): throwaway
# switches in that build, not committed.
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
variant() {
  local dir=$1 tag=$2 env=$3; shift 3
  local tmp; tmp=$(mktemp -d)
  env "$env" bash -c 'WALSH_CACHE_DIR=none "$0/walsh" compile --target cuda --dtype f32 "$@" --out "'"$tmp"'" >/dev/null' "$BIN" "$@"
  for j in "$tmp"/*.json; do
    n=$(basename "$j" .json)
    sed -i "s/\"name\": \"$n\"/\"name\": \"${n}_$tag\"/" "$j"
    for f in "$tmp/$n".*; do mv "$f" "$dir/${n}_$tag.${f##*.}"; done
  done
  rmdir "$tmp"
}
variant "$OUT/r16384" cap WALSH_EXP_DTCAP=1 --d 11264 --rows 16384
variant "$OUT/r16384" b8 WALSH_EXP_DTB=8 --d 28672 --rows 16384
