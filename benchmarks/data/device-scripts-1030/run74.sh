#!/usr/bin/env bash
# Device run 74 (2026-11-30): mma tiles with the transposed second stage
# (16-byte accesses where 2^k >= 256, no byte permutes) and dense-index
# pairs at 2^k = 128 (1536, 2560, 3584), checked on 257 rows and timed by
# walsh-gpu against the defaults; walsh bench for the new 3072 default.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k74.tar.xz -C /tmp/k
$B/walsh-gpu /tmp/k --check-rows 257 --rows 65536
$B/walsh-gpu /tmp/k --check-rows 1 --rows 16384
timeout 150 $B/walsh bench --target cuda --sizes 3072 --rows 65536,16384 --decode-rows 16
} 2>&1 | tee $OUT/run74.txt
echo "done $(date -u)"
