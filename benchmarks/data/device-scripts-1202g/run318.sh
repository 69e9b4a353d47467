#!/usr/bin/env bash
# Device run 318 (2026-12-02): the split layout's H_m on tensor cores with
# two row buffers used by turns and one barrier a row (nv, the working
# tree after da66c32) against one buffer and two barriers (base, da66c32's
# defaults): bf16 7168, 9216, 11264, 13312, 15360 (13312 also without a
# and b), built on the VM with `walsh compile --target cuda --dtype bf16
# --d D --rows 65536`; checked, then two alternating passes.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for rows in 65536 16384; do
  for pass in 1 2; do
    for set in nv base; do
      echo "== pass $pass rows $rows variant $set"
      $B/walsh-gpu /tmp/sets/$set --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run318.txt
