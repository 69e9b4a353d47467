#!/usr/bin/env bash
# Probe kernels of device run 433 (2026-12-04), compiled on the development
# VM with build432.sh's experiment build (WALSH_EXP_COLG=4: H_m's sign
# program as four column blocks, not committed as a switch): the small
# fp32 and bf16 defaults that hold m = 52 or 60 values a thread (rows of 1
# to 64 threads), each default beside g = 4 ('_cg4'), at 65536 rows.
# Usage: build433p.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT"
. "$(dirname "$0")/lib.sh"
for spec in "f32 60" "f32 120" "f32 240" "f32 52" "f32 104" "f32 208" \
            "f32 832" "f32 3328" "bf16 240" "bf16 208"; do
  set -- $spec
  c "$OUT" --dtype $1 --d $2 --rows 65536
  WALSH_EXP_COLG=4 renamed _cg4 "$OUT" --dtype $1 --d $2 --rows 65536
done
