#!/usr/bin/env bash
# Device run 90 (2026-11-30): tensor-core tiles of four dense indices
# (2^k = 64: d = 768 ... 3840, m = 12 ... 60) against the defaults, bf16
# and f16, with the register prefetch (mma/) and with cp.async from 72
# values a lane (mmaa/); every kernel checked on 257 rows, then timed at
# 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k90.tar.xz -C /tmp/k
for rows in 65536 16384; do
  for dir in def mma mmaa; do
    timeout 200 $B/walsh-gpu /tmp/k/$dir --check-rows 257 --rows $rows
  done
done
} 2>&1 | tee $OUT/run90.txt
echo "done $(date -u)"
