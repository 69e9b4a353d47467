#!/usr/bin/env bash
# Device run 346 (2026-12-03): build-346.sh's variants of the H_m on
# tensor cores kernels' prologue (v0: fills in a loop, first row after
# them; v1: first row first; v2: fills unrolled; v3: both, run344's
# "new"), walsh-gpu, every kernel checked on 257 rows first, two passes
# (v0 v1 v2 v3, then v3 v2 v1 v0) at 16384 and 65536 rows.
set -u
cd /tmp && rm -rf walsh-bundle sets3 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for r in 16384 65536; do
  for v in 0 1 2 3 3 2 1 0; do
    timeout 60 $B/walsh-gpu /tmp/sets3/v$v/r$r --check-rows 257 --rows $r 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "v'$v' " $0}'
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run346.txt
