#!/usr/bin/env bash
# Kernels of device run 434 (2026-12-04), compiled on the development VM
# with the experiment's walsh (09623be plus the dense-index transpose over
# two warps behind the throwaway switch WALSH_EXP_DT2=1; not committed as
# a switch): the fp32 defaults of one lane over 64 threads (1792, 2304,
# 2816, 3328, 3840 = 28 ... 60 x 64), each default beside the same
# configuration on the form ('_dt2': D = 2 deferred lane levels, and at
# 3840 H_m in four column blocks as the default), at 65536 and 16384 rows.
# Usage: build434.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
. "$(dirname "$0")/lib.sh"
for rows in 65536 16384; do
  for d in 1792 2304 2816 3328 3840; do
    c "$OUT/r$rows" --dtype f32 --d $d --rows $rows
    WALSH_EXP_DT2=1 renamed _dt2 "$OUT/r$rows" --dtype f32 --d $d --rows $rows
  done
done
