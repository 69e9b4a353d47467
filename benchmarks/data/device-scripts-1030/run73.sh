#!/usr/bin/env bash
# Device run 73 (2026-11-30): the first cross_warp = mma kernels (tensor-core
# tiles), checked on 257 rows and timed by walsh-gpu against the defaults;
# then walsh run through the JIT (persistent grid) with --check.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k73.tar.xz -C /tmp/k
$B/walsh-gpu /tmp/k --check-rows 257 --rows 65536
$B/walsh-gpu /tmp/k --check-rows 1 --rows 16384
$B/walsh run --target cuda --d 3072 --dtype bf16 --rows 65536 --cross-warp mma --check
$B/walsh run --target cuda --d 3072 --dtype f16 --rows 1000 --cross-warp mma --check
$B/walsh run --target cuda --d 3072 --dtype bf16 --rows 16 --cross-warp mma --check
} 2>&1 | tee $OUT/run73.txt
echo "done $(date -u)"
