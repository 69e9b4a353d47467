#!/usr/bin/env bash
# Device run 31 (2026-11-30): m > 1 sizes with 2^k >= 1024: the old
# defaults (old/, built before the split default) against the new (new/),
# and the split layout's piece width V2 = 2 against 4 (WALSH_SPLIT_V2,
# temporary knob) for 32 values a thread through transposes.
set -u
cd /work/main
export WALSH_CACHE_DIR=none
W=./build/bin/walsh
V=.device/v31; which=$1; mkdir -p $V/$which/r65 $V/$which/r16
for dt in bf16 f16 f32; do
  for d in 12288 20480 24576 28672; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $V/$which/r65 > /dev/null || echo FAILED
    $W compile --target cuda --dtype $dt --d $d --rows 16384 --out $V/$which/r16 > /dev/null || echo FAILED
  done
done
if [ $which = new ]; then
  for V2 in 2 4; do mkdir -p $V/v2_$V2
    for dt in bf16 f32; do v=8; [ $dt = f32 ] && v=4
      for d in 12288 20480 24576; do
        WALSH_SPLIT_V2=$V2 $W compile --target cuda --dtype $dt --d $d --vector-width $v --elems-per-thread 32 --threads-per-row $((d / 32)) --cross-warp transpose --rows-per-block 1 --out $V/v2_$V2 > /dev/null || echo FAILED
      done
    done
  done
fi
find $V -name '*.ptx' -delete
