#!/usr/bin/env bash
# Device run 103 (2026-11-30): f32 d = 1792 (28 x 64) ran 0.65-0.66 of the
# copy roofline in run102 (176 registers: two blocks of 128 threads a
# multiprocessor). Its default with .minnctapersm 3 or 4, and one lane of
# 28 values over 64 threads (one or two rows a block), against the
# default, 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k103.tar.xz -C /tmp/k
{
for pass in 1 2; do
  for rows in 65536 16384; do
    for dir in ctl var; do
      timeout 120 $B/walsh-gpu /tmp/k/$dir --check-rows 257 --rows $rows
    done
  done
done
} 2>&1 | tee $OUT/run103.txt
echo "done $(date -u)"
