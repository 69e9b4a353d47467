#!/usr/bin/env bash
# Device run 71 (2026-11-30): 16-bit d = 8192 with four row groups (the new
# default, from run70's walsh tune) against sixteen, checked on 257 rows
# and timed by walsh-gpu at 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/new /tmp/old && tar xJf .device/exp71.tar.xz -C /tmp
for i in 1 2; do for r in 65536 16384; do for v in old new; do echo "== $v rows $r pass $i"; $B/walsh-gpu /tmp/$v --check-rows 257 --rows $r 2>&1 | grep outproj; done; done; done | tee $OUT/exp71.txt
echo "done $(date -u)"
