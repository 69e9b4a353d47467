#!/usr/bin/env bash
# Device run 349 (2026-12-03): build-349.sh's sets: old (be92851's
# emitters), new (run348's: the fills unrolled) and opq (the same with the
# fills' index opaque to LLVM), walsh-gpu, every kernel checked on 257
# rows first, two passes each way at 16384 and 65536 rows.
set -u
cd /tmp && rm -rf walsh-bundle sets4 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for r in 16384 65536; do
  for t in old new opq opq new old; do
    timeout 60 $B/walsh-gpu /tmp/sets4/$t/r$r --check-rows 257 --rows $r 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$t' " $0}'
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run349.txt
