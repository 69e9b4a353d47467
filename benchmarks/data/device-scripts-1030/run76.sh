#!/usr/bin/env bash
# Device run 76 (2026-11-30): mma tiles over two warps a row (halves swapped
# through shared memory, a named barrier a row) for 16-bit d = 5120, 6144,
# 7168 (two and four rows a block) against their defaults, and for 3072;
# the 2^k = 128 defaults; checked on 257 rows, then timed by walsh-gpu.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k76.tar.xz -C /tmp/k
timeout 120 $B/walsh-gpu /tmp/k --check-rows 257 --rows 65536
timeout 120 $B/walsh-gpu /tmp/k --check-rows 1 --rows 16384
} 2>&1 | tee $OUT/run76.txt
echo "done $(date -u)"
