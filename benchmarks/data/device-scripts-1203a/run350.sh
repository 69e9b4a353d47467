#!/usr/bin/env bash
# Device run 350 (2026-12-03): build-350.sh's sets, walsh-gpu, every
# kernel checked on 257 rows first, old / c64 / c16 in three alternating
# passes at 16384 and 65536 rows.
set -u
cd /tmp && rm -rf walsh-bundle sets5 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for r in 16384 65536; do
  for t in old c64 c16 c16 c64 old old c64 c16; do
    timeout 60 $B/walsh-gpu /tmp/sets5/$t/r$r --check-rows 257 --rows $r 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$t' " $0}'
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run350.txt
