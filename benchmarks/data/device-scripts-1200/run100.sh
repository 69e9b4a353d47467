#!/usr/bin/env bash
# Device run 100 (2026-11-30): after run99, the register cap where it
# would raise occupancy below 64 values a thread: d = 3328 and 3840 (m = 52
# and 60 over 64, 64 threads a row, 167-255 registers) and bf16 15360
# (240 registers), their default PTX with .minnctapersm N (spilling
# 116-604 bytes) against the default, 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k101.tar.xz -C /tmp/k
{
for pass in 1 2; do
  for rows in 65536 16384; do
    for dir in ctl var; do
      timeout 120 $B/walsh-gpu /tmp/k/$dir --check-rows 257 --rows $rows
    done
  done
done
} 2>&1 | tee $OUT/run100.txt
echo "done $(date -u)"
