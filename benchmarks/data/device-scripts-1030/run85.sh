#!/usr/bin/env bash
# Device run 85 (2026-11-30): walsh tune at d = 7168 (56 x 128) and 5120
# (40 x 128) again, bf16 and f16, 16384 and 65536 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
timeout 280 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype bf16,f16 --batch 4,16 --seq 4096 --heads 56,40 --head-dim 128
} 2>&1 | tee $OUT/run85.txt
echo "done $(date -u)"
