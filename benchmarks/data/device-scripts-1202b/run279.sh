#!/usr/bin/env bash
# Device run 279 (2026-12-02): the split layout on tensor cores with one
# 16-byte load a tile (h16/, every form under forms/) against two 8-byte
# ones (h8/, run278's kernels): bf16 and f16 12288, bf16 6144; walsh-gpu,
# every kernel checked, two passes; walsh bench of the new defaults.
# Kernels: build-sm.sh before and after the change (.device/pk.tar.xz).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/pk && tar xJf .device/pk.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
for pass in 1 2; do
  for v in h8 h16; do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/pk/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
done
date -u +%H:%M:%S
for v in $(cd /tmp/pk && ls -d forms/*); do
  $B/walsh-gpu /tmp/pk/$v --check-rows 257 --rows 16384 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|$v 16384 |"
done
date -u +%H:%M:%S
$B/walsh bench --target cuda --sizes 6144,12288 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1 | tail -14
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run279.txt
