#!/usr/bin/env bash
# Device run 344 (2026-12-03): (1) build-344.sh's sets, the tensor-core
# kernels' defaults before (old) and after (new) the prologue change (the
# first row's loads before the block's table fills; the fills unrolled),
# at 16384 rows (old, new, new, old) and 65536 (old, new); (2)
# build-345.sh's sets, the split's defaults at 384, 512 and 768 rows
# beside the old defaults, two passes. walsh-gpu, every kernel checked on
# 257 rows against float64 first.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader
for tr in "16384 old" "16384 new" "16384 new" "16384 old" "65536 old" "65536 new"; do
  set -- $tr
  timeout 150 $B/walsh-gpu /tmp/sets/$2/r$1 --check-rows 257 --rows $1 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$2' " $0}'
done
date -u +%H:%M:%S
for pass in 1 2; do
  for dt in bf16 f16; do
    for rows in 384 512 768; do
      timeout 60 $B/walsh-gpu /tmp/sets/r$rows-$dt --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$rows' p'$pass' " $0}'
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run344.txt
