#!/usr/bin/env bash
# Device run 282 (2026-12-02): the split layout on tensor cores with a and
# b as invariant loads (ld.global.nc; nc/) against plain loads (plain/, the
# committed defaults): bf16 and f16 12288, bf16 6144; walsh-gpu, every
# kernel checked, three passes. Kernels: walsh compile --rows 65536 with
# each build (.device/ncx.tar.xz).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/ncx && tar xJf .device/ncx.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2 3; do
  for v in plain nc; do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/ncx/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run282.txt
