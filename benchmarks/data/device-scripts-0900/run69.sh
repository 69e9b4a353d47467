#!/usr/bin/env bash
# Device run 69 (2026-11-30): 16-bit d = 768 and 1536 (48 values a thread,
# row groups, 162-167 registers: three 128-thread blocks a multiprocessor)
# against the same PTX with `.minnctapersm 4` (128 registers, four blocks;
# 1536 spills 12 bytes), cubins made here with ptxas; walsh-gpu checks each
# and times it at 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/base /tmp/min4 && tar xJf .device/exp69.tar.xz -C /tmp
for i in 1 2; do for r in 65536 16384; do for v in base min4; do echo "== $v rows $r pass $i"; $B/walsh-gpu /tmp/$v --check-rows 257 --rows $r 2>&1 | grep outproj; done; done; done | tee $OUT/exp69.txt
echo "done $(date -u)"
