#!/usr/bin/env bash
# Device run 88 (2026-11-30): after the review's refactor (one shared-memory
# layout for the mma kernels, the cp.async base folded into the shared
# pointer), the three kernels whose PTX changed (the cp.async prefetch:
# 3584 bf16 and f16 transposed, 4096 f16 tiles) checked on 257 rows and
# timed; every other conformance kernel's PTX is byte-identical.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k88.tar.xz -C /tmp/k
timeout 120 $B/walsh-gpu /tmp/k --check-rows 257 --rows 65536
} 2>&1 | tee $OUT/run88.txt
echo "done $(date -u)"
