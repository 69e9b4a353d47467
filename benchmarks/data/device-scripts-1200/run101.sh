#!/usr/bin/env bash
# Device run 101 (2026-11-30): the rule from run100 in the compiler (rows of
# 64 threads of 60 values: nvvm.minctasm = 6). The six conformance kernels
# it changes (d = 3840 in f32, f16, bf16, with and without a and b) checked
# on 257 rows and timed against their old PTX, 65536 and 16384 rows, two
# passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k102.tar.xz -C /tmp/k
{
for pass in 1 2; do
  for rows in 65536 16384; do
    for dir in new old; do
      timeout 120 $B/walsh-gpu /tmp/k/$dir --check-rows 257 --rows $rows
    done
  done
done
} 2>&1 | tee $OUT/run101.txt
echo "done $(date -u)"
