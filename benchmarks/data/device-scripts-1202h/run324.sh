#!/usr/bin/env bash
# Device run 324 (2026-12-02): 3584 on H_m on tensor cores (build-324.sh's
# sets; walsh-gpu loads the cubins): the forms checked (--no-time), then
# to fp32 the new default (n) against the tiles (o), every kernel checked
# on 257 rows and timed beside a copy, two passes, 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
echo "== forms"
$B/walsh-gpu /tmp/sets/forms --check-rows 257 --no-time 2>&1 | grep "outproj\|FAIL\|rror"
for pass in 1 2; do
  for rows in 65536 16384; do
    for v in o n; do
      $B/walsh-gpu /tmp/sets/$v$rows --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | awk '{print "'$v$rows' p'$pass' " $0}'
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run324.txt
