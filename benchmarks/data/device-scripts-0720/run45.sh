#!/usr/bin/env bash
# Device run 45 (2026-11-30): 16-bit d = 4096 at 65536 rows, where the
# affine table lost (run 43): before (old/), with the table at 4, 8 and 16
# row groups a block (xi*/), and at 4 on a grid capped at the 396 blocks
# the H200 holds at once (--grid-limit); 16384 rows for xi8/xi16 as well.
set -u
cd /tmp && rm -rf walsh-bundle v45 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v45.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
for p in 1 2; do
  for v in old xi4 xi8 xi16; do timeout 60 $B/walsh-gpu /tmp/v45/$v --rows 65536 --check-rows 257 | grep -E 'PASS|FAIL' | sed "s/^/$p r65 $v /"; done
  timeout 60 $B/walsh-gpu /tmp/v45/xi4 --rows 65536 --check-rows 257 --grid-limit 396 | grep -E 'PASS|FAIL' | sed "s/^/$p r65 xi4-cap396 /"
  for v in old xi8 xi16; do timeout 60 $B/walsh-gpu /tmp/v45/$v --rows 16384 --check-rows 257 | grep -E 'PASS|FAIL' | sed "s/^/$p r16 $v /"; done
done | awk '{print $1, $2, $3, $4, $(NF)}'
echo "done $(date -u)"
