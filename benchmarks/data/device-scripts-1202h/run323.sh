#!/usr/bin/env bash
# Device run 323 (2026-12-02): build-323.sh's sets (the bundle of 46bdbd9;
# walsh-gpu loads the cubins): every kernel checked on 257 rows and timed
# beside a copy, two passes of base and variant in turn, 65536 and 16384
# rows.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    for v in b t d h; do
      $B/walsh-gpu /tmp/sets/$v$rows --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | awk '{print "'$v$rows' p'$pass' " $0}'
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run323.txt
