#!/usr/bin/env bash
# Device run 115 (2026-11-30): the new defaults for 16-bit m = 20 and 28
# over 8 or 16 threads (d = 320, 448, 640 without row groups, 896 with
# sixteen of four rows) side by side with the old (four groups, _...si4),
# each checked on 257 rows, 65536 rows two passes; 896 at 16384 rows too
# (eight groups of four rows against four of eight).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k36.tar.xz -C /tmp/k
{
for pass in 1 2; do
  timeout 150 $B/walsh-gpu /tmp/k/r65536 --check-rows 257 --rows 65536
  timeout 150 $B/walsh-gpu /tmp/k/r16384 --check-rows 257 --rows 16384
done
} 2>&1 | tee $OUT/run115.txt
echo "done $(date -u)"
