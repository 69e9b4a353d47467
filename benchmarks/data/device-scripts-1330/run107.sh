#!/usr/bin/env bash
# Device run 107 (2026-11-30): row groups for 16-bit d = 16384 and 32768
# with one prefetch buffer (refilled once the group is read) where two cost
# a block a multiprocessor (16384: 128 -> 96 KB) or do not fit (32768:
# 256 -> 192 KB). Each kernel checked on 257 rows, then timed at 16384 and
# 65536 rows, two passes: the default (no groups), 4/8/16 groups with one
# buffer, and at 16384 the old two-buffer form (_old2buf). Then walsh tune
# at d = 12288, 16384 and 32768 (16384 rows), whose candidates now include
# the one-buffer row groups.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k30.tar.xz -C /tmp/k
{
timeout 200 $B/walsh-gpu /tmp/k --check-rows 257 --rows 16384
timeout 200 $B/walsh-gpu /tmp/k --check-rows 257 --rows 65536
timeout 200 $B/walsh-gpu /tmp/k --check-rows 257 --rows 16384
for dt in bf16 f16; do
  WALSH_CACHE_DIR=/tmp/wc timeout 150 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype $dt --batch 4 --seq 4096 --heads 96,128,256 --head-dim 128
done
} 2>&1 | tee $OUT/run107.txt
echo "done $(date -u)"
