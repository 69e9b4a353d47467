#!/usr/bin/env bash
# Device run 328 (2026-12-02): f16 rows' m-point stage in the split layout
# as one tf32 piece (build-328.sh's sets): the forms checked (walsh-gpu
# --no-time), then the f16 defaults (d: hi + lo or the sign program)
# against the tf32 layouts (t), every kernel checked on 257 rows and timed
# beside a copy, two passes, 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader
echo "== forms"
timeout 120 $B/walsh-gpu /tmp/sets/forms --check-rows 257 --no-time 2>&1 | grep --line-buffered "outproj\|FAIL\|rror"
for pass in 1 2; do
  for rows in 65536 16384; do
    timeout 120 $B/walsh-gpu /tmp/sets/d$rows --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "d'$rows' p'$pass' " $0}'
    timeout 120 $B/walsh-gpu /tmp/sets/t --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "t'$rows' p'$pass' " $0}'
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run328.txt
