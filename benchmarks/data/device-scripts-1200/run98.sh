#!/usr/bin/env bash
# Device run 98 (2026-11-30): (1) fp32 d = 16384 (172 registers, one block
# of 256 threads a multiprocessor) with .minnctapersm 2 (128 registers, 60
# bytes of spills) against its default; (2) tiles of four dense indices
# assembled by ptxas -O1 or --Ofast-compile=mid (ptxas 0.6 of -O3's time)
# against -O3. 65536 and 16384 rows, two passes, every kernel checked.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k99.tar.xz -C /tmp/k
for pass in 1 2; do
  for rows in 65536 16384; do
    for dir in ctl var; do
      timeout 100 $B/walsh-gpu /tmp/k/$dir --check-rows 257 --rows $rows
    done
  done
done
} 2>&1 | tee $OUT/run98.txt
echo "done $(date -u)"
