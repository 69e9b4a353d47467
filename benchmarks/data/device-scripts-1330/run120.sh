#!/usr/bin/env bash
# Device run 120 (2026-11-30): 16-bit d = 32768 with sixteen row groups over
# one prefetch buffer in every other form: without a and b, transposed,
# with an fp32 output, a residual, residual + RMSNorm or LayerNorm, a bhsd
# input, row sums. Each checked on 257 rows (and on a 3-block grid), then
# timed at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k37.tar.xz -C /tmp/k
{
timeout 200 $B/walsh-gpu /tmp/k --check-rows 257 --rows 16384
} 2>&1 | tee $OUT/run120.txt
echo "done $(date -u)"
