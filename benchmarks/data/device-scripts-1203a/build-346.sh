#!/usr/bin/env bash
# run346's sets (2026-12-03): H_m on tensor cores (HmMmaKernel.cpp) with a
# throwaway WALSH_EXP_PRO knob (not committed): bit 1 the first row's
# cp.async before the block's fills (else after them, as before), bit 2
# the fills unrolled (else a loop): /tmp/sets3/v<0-3>/r<rows>. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets3
for v in 0 1 2 3; do
  for rows in 16384 65536; do
    o=/tmp/sets3/v$v/r$rows; mkdir -p $o
    for dt in bf16 f16; do
      for d in 288 320 576 704 3328 7680; do
        WALSH_EXP_PRO=$v $W compile --target cuda --dtype $dt --d $d --rows $rows --out $o >/dev/null
      done
    done
    WALSH_EXP_PRO=$v $W compile --target cuda --dtype bf16 --d 3584 --rows $rows --out $o >/dev/null
    WALSH_EXP_PRO=$v $W compile --target cuda --dtype f16 --d 4608 --rows $rows --out $o >/dev/null
    for d in 480 960 1920; do
      WALSH_EXP_PRO=$v $W compile --target cuda --dtype f32 --d $d --rows $rows --out $o >/dev/null
    done
  done
done
find /tmp/sets3 -name "*.ptx" -delete
