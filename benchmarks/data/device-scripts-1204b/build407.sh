#!/usr/bin/env bash
# Kernels of device run 407 (2026-12-04), compiled on the development VM:
# fp32 rows of a dense factor in the split layout (a thread one dense
# index, T = 2^k / elems_per_thread <= 32 threads each) with the m-point
# stage on tensor cores (three bf16 pieces a value), beside each size's
# default: `_tc` a block a row (the grid of rows), `_tcp1` persistent
# blocks over the rows (row groups bid, bid + G, ...; the JSON's
# cross_warp set to "mma" so that walsh-gpu launches as many blocks as the
# device holds), `_tcp2` persistent with the row two grids ahead
# prefetched into L2. Built with WALSH_EXP_TC32=1 (and
# WALSH_EXP_TC32_PERSIST=1 or 2), switches in the experiment's build
# (gpuSplitHmMma32; the persistent loop in GpuKernelEmitter::emit), then
# renamed.
# Usage: build407.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/big" "$OUT/small"
tc() { # dir d elems threads [extra...]
  variant "" tc "$@"
  variant 2 tcp2 "$@"
}
variant() { # persist suffix dir d elems threads [extra...]
  local persist=$1 suffix=$2 dir=$3 d=$4 e=$5 t=$6; shift 6
  local tmp; tmp=$(mktemp -d)
  local mma=shared; [ -n "$persist" ] && mma=mma
  WALSH_EXP_TC32=1 WALSH_EXP_TC32_PERSIST=$persist "$BIN/walsh" compile --target cuda --d "$d" --dtype f32 \
    --elems-per-thread "$e" --threads-per-row "$t" --rows-per-block 1 \
    --vector-width 4 --cross-warp shared "$@" --out "$tmp" >/dev/null
  for f in "$tmp"/*; do
    base=$(basename "$f"); stem=${base%.*}; ext=${base##*.}
    if [ "$ext" = json ]; then
      sed -e "s/\"name\": \"$stem\"/\"name\": \"${stem}_$suffix\"/" \
          -e "s/\"cross_warp\": \"shared\"/\"cross_warp\": \"$mma\"/" \
          "$f" > "$OUT/$dir/${stem}_$suffix.json"
    else
      cp "$f" "$OUT/$dir/${stem}_$suffix.$ext"
    fi
  done
  rm -rf "$tmp"
}
dflt() { # dir d [extra...]
  local dir=$1 d=$2; shift 2
  "$BIN/walsh" compile --target cuda --d "$d" --dtype f32 --rows 16384 "$@" \
    --out "$OUT/$dir" >/dev/null
}
# 2^k = 512 and 1024 (16384 rows only)
for spec in "30720 64 480" "30720 32 960" "26624 64 416" "26624 32 832" \
            "22528 64 352" "22528 32 704" "18432 64 288" "18432 32 576" \
            "15360 32 480" "15360 16 960" "13312 32 416" "13312 16 832" \
            "11264 32 352" "11264 16 704" "9216 32 288" "9216 16 576" \
            "28672 64 448" "28672 32 896" "14336 32 448" "14336 64 224" \
            "20480 64 320" "20480 32 640" "24576 64 384"; do
  set -- $spec; tc big "$1" "$2" "$3"
done
for d in 30720 26624 22528 18432 15360 13312 11264 9216 28672 14336 20480 24576; do
  dflt big "$d"
done
# H^T and without a and b at 30720 and 13312
tc big 30720 64 480 --transpose; dflt big 30720 --transpose
tc big 13312 32 416 --no-affine; dflt big 13312 --no-affine
# 2^k = 32 ... 128 (16384 and 65536 rows)
for spec in "7680 16 480" "7680 8 960" "6656 16 416" "6656 8 832" \
            "5632 16 352" "3840 8 480" "3840 4 960" "1664 4 416"; do
  set -- $spec; tc small "$1" "$2" "$3"
done
for d in 7680 6656 5632 3840 1664; do dflt small "$d"; done
# persistent without the prefetch
variant 1 tcp1 big 30720 64 480; variant 1 tcp1 big 13312 32 416
variant 1 tcp1 small 7680 16 480; variant 1 tcp1 small 3840 8 480
