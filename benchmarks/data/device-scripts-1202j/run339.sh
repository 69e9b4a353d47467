#!/usr/bin/env bash
# Device run 339 (2026-12-03): build-339.sh's sets (the power-of-two split
# at 8192 and 4096 with 1 ... 6 blocks a multiprocessor asked of ptxas;
# walsh-gpu, every kernel checked on 257 rows, two passes at 65536 and
# 16384 rows).
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    for s in $(ls /tmp/sets); do
      timeout 60 $B/walsh-gpu /tmp/sets/$s --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$rows' p'$pass' '$s' " $0}'
    done
  done
  date -u +%H:%M:%S
done
} 2>&1 | tee $OUT/run339.txt
