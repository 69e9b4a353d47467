#!/usr/bin/env bash
# Device run 113 (2026-11-30): walsh tune over the dense sizes that miss
# 0.9 of the copy roofline at 65536 rows in fp32 (m = 36 ... 60, and 7168),
# never tuned in fp32, and over bf16 m = 20 and 28 at 2^k = 16 and 32
# (320, 640, 448, 896: 0.54-0.76, not analysed). Heads of 32.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
WALSH_CACHE_DIR=/tmp/wc timeout 280 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype f32 --batch 16 --seq 4096 --heads 13,15,30,52,60,104,120,144,176,208,224,240 --head-dim 32
WALSH_CACHE_DIR=/tmp/wc timeout 200 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype bf16 --batch 16 --seq 4096 --heads 10,14,20,28 --head-dim 32
} 2>&1 | tee $OUT/run113.txt
echo "done $(date -u)"
