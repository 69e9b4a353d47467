#!/usr/bin/env bash
# Device run 83 (2026-11-30): the mma kernels with the first row's loads
# issued before the affine table's fill and barrier (new) against the
# final kernels of run82 (old_), the tile defaults, 16384 and 65536 rows,
# two passes at 16384, each kernel checked on 257 rows first.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k83.tar.xz -C /tmp/k
timeout 120 $B/walsh-gpu /tmp/k --check-rows 257 --rows 16384
timeout 120 $B/walsh-gpu /tmp/k --check-rows 1 --rows 16384
timeout 120 $B/walsh-gpu /tmp/k --check-rows 1 --rows 65536
} 2>&1 | tee $OUT/run83.txt
echo "done $(date -u)"
