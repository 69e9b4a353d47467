#!/usr/bin/env bash
# Device run 96 (2026-11-30): ncu (run95) has the small tile kernels
# waiting on shared loads with 16 warps a multiprocessor (1280, 1536: 127
# registers, two blocks) and the larger ones with 8 (1792 ... 3072: 170-250
# registers). The same PTX with .minnctapersm 3 (80 registers) or 2 (128)
# against the defaults (ctl/): more warps, some spills.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k96.tar.xz -C /tmp/k
for pass in 1 2; do
  for rows in 65536 16384; do
    for dir in ctl min; do
      timeout 100 $B/walsh-gpu /tmp/k/$dir --check-rows 257 --rows $rows
    done
  done
done
} 2>&1 | tee $OUT/run96.txt
echo "done $(date -u)"
