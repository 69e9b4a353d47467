#!/usr/bin/env bash
# Kernels of device run 435 (2026-12-04): fp32 1536, 2560 and 3584 (12,
# 20, 28 x 128: pairs over 64 threads), whose defaults took the
# dense-index transpose with 98bae49 (two warps) and were not timed in
# run434. MODE=before compiles them ('_rt') with 98bae49's walsh with the
# form's lower bound put back at four warps (a one-line edit, not
# committed); MODE=after the defaults with 98bae49's walsh as committed.
# Usage: MODE=before|after build435.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
mkdir -p "$OUT/r16384" "$OUT/r65536"
. "$(dirname "$0")/lib.sh"
for rows in 65536 16384; do
  for d in 1536 2560 3584; do
    if [ "$MODE" = before ]; then
      renamed _rt "$OUT/r$rows" --dtype f32 --d $d --rows $rows
    else
      c "$OUT/r$rows" --dtype f32 --d $d --rows $rows
    fi
  done
done
