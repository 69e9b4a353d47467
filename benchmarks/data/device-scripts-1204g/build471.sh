#!/usr/bin/env bash
# Kernels of device run 471 (2026-12-04): the split layout's sign-program
# m-point stage (MmaKernel.cpp's splitDenseStage, pairs of positions at m
# <= 28: the bf16 defaults at 3072, 6144, 10240, 12288, 20480, 24576;
# and the power-of-two split's H_M by radix-2 levels on pairs: 4096, 8192,
# 16384)
# reading a and b as bf16 pairs widened by a shift and a mask (new) against
# fpext (old: c047aad), each compiled by both builds and copied under two
# names (_old1, _old2, _new1, _new2), 16384 rows (and 65536 up to 8192).
# Usage: build471.sh OLD_BIN NEW_BIN OUTDIR
set -eu
OLD=$1 NEW=$2 OUT=$3
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for r in 16384 65536; do
  for d in 3072 4096 6144 8192 10240 12288 16384 20480 24576; do
    if [ $r = 65536 ] && [ $d -gt 8192 ]; then continue; fi
    for v in old new; do
      if [ $v = old ]; then BIN=$OLD; else BIN=$NEW; fi
      for k in 1 2; do renamed _$v$k "$OUT/r$r" --dtype bf16 --d $d --rows $r; done
    done
  done
done
