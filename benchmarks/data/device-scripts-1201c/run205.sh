#!/usr/bin/env bash
# Device run 205 (2026-12-01): 16-bit d = 4096 and 8192 bulk defaults (a/)
# against the same kernels with one prefetch buffer (b/: 48 KB of shared
# memory, four blocks a multiprocessor, ptxas capped at 128 registers),
# walsh-gpu side by side, alternating, two passes, 65536 and 16384 rows.
set -u
cd /tmp && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e1.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
for p in 1 2; do
  for rows in 65536 16384; do
    for v in a b; do
      echo "== $v rows $rows pass $p"
      $B/walsh-gpu /tmp/e1/$v --rows $rows --check-rows 257 2>&1 | grep -v '^$'
    done
  done
done
} 2>&1 | tee $OUT/run205.txt
echo "done $(date -u)"
