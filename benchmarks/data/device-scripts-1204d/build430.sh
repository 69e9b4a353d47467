#!/usr/bin/env bash
# Kernels of device run 430 (2026-12-04), compiled on the development VM
# with the experiment's walsh (95b6d1f plus the dense-index transpose's
# deferred lane levels behind the throwaway switch WALSH_EXP_DEFER=D, and
# the artifact's row alignment raised to match under it; a first attempt
# without that raise failed, the check's rows one row alignment apart
# misaligning the vectors: CUDA_ERROR_MISALIGNED_ADDRESS). The switch is
# not in the committed code, whose rule (gpuDenseTransposeDeferred)
# compiles each size's chosen D byte-identically. Each fp32 size whose default takes the
# dense-index transpose, its default (D = 0, the name as compiled) beside
# D = 1 and D = 2 (pairs: D = 1), renamed '_dl1', '_dl2'; and 16-bit one
# lane on the form (D = 0 and 2, '_one0', '_one2') beside the 16-bit
# default at four sizes.
# Usage: build430.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
. "$(dirname "$0")/lib.sh"
# renamed SUFFIX DIR ARGS...: compiled into a scratch folder, renamed.
for spec in "16384 9216 2" "16384 10240 2" "16384 11264 2" "16384 12288 1" \
            "16384 13312 2" "16384 14336 2" "16384 15360 2" "16384 18432 2" \
            "16384 20480 1" "16384 22528 2" "16384 26624 2" "16384 28672 1" \
            "65536 4608 2" "65536 5120 2" "65536 5632 2" "65536 6656 2" \
            "65536 7168 2" "65536 7680 2"; do
  set -- $spec
  c "$OUT/r$1" --dtype f32 --d $2 --rows $1
  for D in $(seq 1 $3); do
    WALSH_EXP_DEFER=$D renamed _dl$D "$OUT/r$1" --dtype f32 --d $2 --rows $1
  done
done
one="--cross-warp shared --vector-width 1 --rows-per-block 1"
for spec in "16384 bf16 9216 36 256" "16384 bf16 13312 52 256" \
            "65536 bf16 6656 52 128" "65536 bf16 7168 28 256"; do
  set -- $spec
  c "$OUT/r$1" --dtype $2 --d $3 --rows $1
  renamed _one0 "$OUT/r$1" --dtype $2 --d $3 $one --elems-per-thread $4 --threads-per-row $5
  WALSH_EXP_DEFER=2 renamed _one2 "$OUT/r$1" --dtype $2 --d $3 $one --elems-per-thread $4 --threads-per-row $5
done
