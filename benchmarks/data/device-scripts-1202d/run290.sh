#!/usr/bin/env bash
# Device run 290 (2026-12-02): stage 2 from one piece (build-s2.sh's
# kernels): every kernel checked on 257 rows (float64 oracle, output
# poisoned), then timed against a copy of the same bytes, two passes,
# 65536 and 16384 rows, the defaults and the one-piece kernels in turn.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/s2 && tar xJf .device/s2.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,clocks.sm,power.draw,temperature.gpu --format=csv,noheader
for pass in 1 2; do
  for dt in bf16 f16; do
    for rows in 65536 16384; do
      for v in base hi; do
        $B/walsh-gpu /tmp/s2/$v/$dt --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v/$dt $rows |"
      done
    done
  done
  date -u +%H:%M:%S
done
} 2>&1 | tee $OUT/run290.txt
