#!/usr/bin/env bash
# Kernels of device run 467 (2026-12-04): the split layout's m-point stage
# on tensor cores with a and b as fp32 (a times the output scale) where
# they fit, through a throwaway switch WALSH_X_F32P in MmaKernel.cpp's
# mmaSharedLayout (_f), beside the same build without it (bf16 a and b
# widened by a shift and a mask: _c in bf16; in f16 the old code) and
# d8b36fa's defaults (build464.sh's kernels as T464, no suffix, bf16).
# Usage: build467.sh BUILD_BIN T464 OUTDIR
set -eu
BIN=$1 T464=$2 OUT=$3
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for d in 7168 9216 11264 13312 14336 15360 18432 22528 26624 28672 30720; do
  if [ -f $T464/r16384/outproj_d${d}_bf16_sm_90.json ]; then
    cp $T464/r16384/outproj_d${d}_bf16_sm_90.{json,ptx,cubin} "$OUT/r16384/"
  fi
  WALSH_X_F32P=0 renamed _c "$OUT/r16384" --dtype bf16 --d $d --rows 16384
  WALSH_X_F32P=0 c "$OUT/r16384" --dtype f16 --d $d --rows 16384
  if [ $d -le 18432 ]; then
    WALSH_X_F32P=1 renamed _f "$OUT/r16384" --dtype bf16 --d $d --rows 16384
    WALSH_X_F32P=1 renamed _f "$OUT/r16384" --dtype f16 --d $d --rows 16384
  fi
done
for t in bf16 f16; do
  WALSH_X_F32P=0 c "$OUT/r65536" --dtype $t --d 7168 --rows 65536
  WALSH_X_F32P=1 renamed _f "$OUT/r65536" --dtype $t --d 7168 --rows 65536
done
