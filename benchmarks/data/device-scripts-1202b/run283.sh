#!/usr/bin/env bash
# Device run 283 (2026-12-02): f16 in the split layout on tensor cores
# without stage 2's lo half (nolo/, a throwaway switch, never committed)
# against with it (lo/, as committed): 12288 and 6144, walsh-gpu, every
# kernel checked (the error is the question), two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/nolo && tar xJf .device/nolo.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for v in lo nolo; do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/nolo/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run283.txt
