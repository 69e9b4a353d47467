#!/usr/bin/env bash
# Device run 84 (2026-11-30): walsh tune (the candidates now include the
# tensor-core tiles: one warp a row with four or eight warps a block, two
# warps with two or four rows) at the sizes whose default is a tile kernel,
# 16384 and 65536 rows, bf16 and f16.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
timeout 280 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype bf16,f16 --batch 4,16 --seq 4096 --heads 12,20,24,28,40,48 --head-dim 128
} 2>&1 | tee $OUT/run84.txt
echo "done $(date -u)"
