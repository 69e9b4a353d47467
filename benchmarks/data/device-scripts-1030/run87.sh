#!/usr/bin/env bash
# Device run 87 (2026-11-30): 16-bit d = 5120, the tile default (two warps
# a row) against the split layout with shuffles (e32 t160 r1 v8, which
# walsh tune preferred in bf16 by 1.02-1.05 x), side by side, 16384 and
# 65536 rows, two passes, each kernel checked on 257 rows first.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k87.tar.xz -C /tmp/k
for R in 65536 16384 65536 16384; do timeout 120 $B/walsh-gpu /tmp/k --check-rows 257 --rows $R; done
} 2>&1 | tee $OUT/run87.txt
echo "done $(date -u)"
