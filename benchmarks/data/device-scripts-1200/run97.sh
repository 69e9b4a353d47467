#!/usr/bin/env bash
# Device run 97 (2026-11-30): ncu (run95) has the small tile kernels
# waiting on global loads (long scoreboard, 3.2 of 6.5 cycles an
# instruction at d = 1280). The next rows copied by cp.async into shared
# memory one (a1/) or two (a2/) rows ahead, against the defaults (ctl/:
# the next row in registers after the tensor-core stages; 3584 is a1
# already), 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k97.tar.xz -C /tmp/k
for pass in 1 2; do
  for rows in 65536 16384; do
    for dir in ctl a1 a2; do
      timeout 100 $B/walsh-gpu /tmp/k/$dir --check-rows 257 --rows $rows
    done
  done
done
} 2>&1 | tee $OUT/run97.txt
echo "done $(date -u)"
