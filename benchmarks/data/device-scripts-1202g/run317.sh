#!/usr/bin/env bash
# Device run 317 (2026-12-02): bf16 7168's new default (H_m on tensor cores
# in the split layout, g = 2) with and without a and b and transposed
# (s7), the old default beside (o7), built on the VM with the commit's
# walsh (`walsh compile --target cuda --dtype bf16 --d 7168 --rows 65536
# [--no-affine|--transpose]`); checked, then timed, two passes.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for rows in 65536 16384; do
  for pass in 1 2; do
    for set in s7 o7; do
      echo "== pass $pass rows $rows variant $set"
      $B/walsh-gpu /tmp/sets/$set --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run317.txt
