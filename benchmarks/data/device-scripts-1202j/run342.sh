#!/usr/bin/env bash
# Device run 342 (2026-12-03): build-342.sh's sets (the split's defaults
# at 256, 1024 and 4096 rows beside the old defaults; walsh-gpu, every
# kernel checked on 257 rows, two passes).
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for dt in bf16 f16; do
    for rows in 256 1024 4096; do
      timeout 60 $B/walsh-gpu /tmp/sets/r$rows-$dt --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$rows' p'$pass' " $0}'
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run342.txt
