#!/usr/bin/env bash
# Device run 314 (2026-12-02): build-314.sh's sets, two alternating passes
# at each row count, every kernel checked first (f16 rows with bf16 hi +
# lo pieces in the m-point stage, h16, against the f16 defaults, f16d).
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for rows in 65536 16384; do
  for pass in 1 2; do
    for set in hb1 hb2 m28 h16 f16d; do
      echo "== pass $pass rows $rows variant $set"
      $B/walsh-gpu /tmp/sets/$set --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run314.txt
