#!/usr/bin/env bash
# Kernels of device run 423 (2026-12-04), compiled on the development VM
# with the working tree's dense-index transpose (a and b in batches of
# eight, 11264 capped at two blocks' registers, not past 16 warps): the
# variants throwaway switches in that build give (not committed):
# WALSH_EXP_DTCAP=128 caps the form's registers at 128 ('_cap': fp32 15360
# over 256 threads, two blocks; 6656 and 7680 over 128, four), and
# WALSH_EXP_DTW2 lets it take two warps (3840 = 60 x 64, '_dt2'); beside
# each, the default as compiled now.
# Usage: build423.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
c() { local dir=$1; shift; WALSH_CACHE_DIR=none "$BIN/walsh" compile --target cuda --dtype f32 "$@" --out "$dir" >/dev/null; }
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
c "$OUT/r16384" --d 15360 --rows 16384
variant "$OUT/r16384" cap WALSH_EXP_DTCAP=128 --d 15360 --rows 16384
for d in 6656 7680; do
  c "$OUT/r65536" --d $d --rows 65536
  variant "$OUT/r65536" cap WALSH_EXP_DTCAP=128 --d $d --rows 65536
done
c "$OUT/r65536" --d 3840 --rows 65536
variant "$OUT/r65536" dt2 WALSH_EXP_DTW2=1 --d 3840 --rows 65536
