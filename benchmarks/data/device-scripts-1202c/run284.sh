#!/usr/bin/env bash
# Device run 284 (2026-12-02): build-sg.sh's kernels (the split layout on
# tensor cores with g dense indices a warp and a and b in shared memory;
# a throwaway build, uncommitted then) beside the defaults of 74696c0,
# walsh-gpu, every kernel checked on 257 rows (packed and strided)
# against float64, 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/sg && tar xJf .device/sg.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,clocks.sm,power.draw,temperature.gpu --format=csv,noheader
for pass in 1 2; do
  for v in before/bf16 before/f16 glob/12288-g1-bf16 glob/12288-g1-f16 $(cd /tmp/sg && ls -d new/*); do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/sg/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
  date -u +%H:%M:%S
done
} 2>&1 | tee $OUT/run284.txt
