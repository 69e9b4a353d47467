#!/usr/bin/env bash
# Device run 81 (2026-11-30): the mma kernels' rows prefetched by cp.async
# into shared memory at the start of each iteration, against run77's
# kernels (reg_: prefetched in registers after the tensor-core stages), the
# sizes whose default is mma, side by side, each checked on 257 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k81.tar.xz -C /tmp/k
timeout 120 $B/walsh-gpu /tmp/k --check-rows 257 --rows 65536
timeout 120 $B/walsh-gpu /tmp/k --check-rows 1 --rows 16384
} 2>&1 | tee $OUT/run81.txt
echo "done $(date -u)"
