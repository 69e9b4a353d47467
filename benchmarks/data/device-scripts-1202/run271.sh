#!/usr/bin/env bash
# Device run 271 (2026-12-01, the bundle of 36a0a7d): do the two bf16
# defaults changed from full-clock timings (8192 without row groups,
# 5632 one warp a row: runs 259-262) still win under sustained load?
# walsh-gpu --sustain 1 on the old (old/: e64t128r1v8 with four row groups;
# e88t64r2v2 mma) and new defaults (new/), .device/sv.tar.xz, 65536 and
# 16384 rows, in the order old, new, new, old.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/sv && tar xJf .device/sv.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for v in old new new old; do
  for rows in 65536 16384; do
    $B/walsh-gpu /tmp/sv/$v --check-rows 257 --rows $rows --sustain 1 2>&1 | grep outproj | sed "s/^/$v /"
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run271.txt
