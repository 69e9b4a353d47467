#!/usr/bin/env bash
# Device run 67 (2026-11-30): the decode rule for every dtype (fp32 too):
# the 7 new conformance decode kernels checked on 257 rows; walsh bench of
# the dense decode sizes at 2^k = 128 and 256 in every dtype.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
rm -rf /tmp/k67 && tar xJf .device/k67.tar.xz -C /tmp
$B/walsh-gpu /tmp/k67 --check-rows 257 --no-time 2>&1 | tee $OUT/k67.txt | tail -8
timeout 300 $B/walsh bench --target cuda --sizes 1536,2560,3072,3584 --rows 16384 --decode-rows 1,16 --no-dense 2>&1 | tee $OUT/bench-decode.txt
echo "done $(date -u)"
