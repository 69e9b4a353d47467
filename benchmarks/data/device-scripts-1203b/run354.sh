#!/usr/bin/env bash
# Device run 354 (2026-12-03): build-354.sh's sets, whole items (st0)
# against stationary warps taking 1, 2 or 3 items at a time (st1 ... st3),
# walsh-gpu, every kernel checked on 257 rows first, alternating passes at
# 16384 and 65536 rows.
set -u
cd /tmp && rm -rf walsh-bundle s354 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for r in 16384 65536; do
  for t in st0 st1 st2 st3 st3 st2 st1 st0; do
    timeout 100 $B/walsh-gpu /tmp/s354/$t --check-rows 257 --rows $r 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$t' " $0}'
  done
  date -u +%H:%M:%S
done
} 2>&1 | tee $OUT/run354.txt
