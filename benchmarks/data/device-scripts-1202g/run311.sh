#!/usr/bin/env bash
# Device run 311 (2026-12-02): the compiler's split layout with H_m on
# tensor cores ('vector_width' = 8; build-hm.sh's sets: hmv the bulk
# shapes at g = 4 (18432: g = 4 over 64 values a lane), hmf other forms and
# g), walsh's bf16 defaults (wref) beside them; every kernel checked on 257
# rows against float64 first.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for rows in 65536 16384; do
  for set in hmv wref hmf; do
    echo "== pass 1 rows $rows variant $set"
    $B/walsh-gpu /tmp/sets/$set --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror"
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run311.txt
