#!/usr/bin/env bash
# Device run 362 (2026-12-03): walsh tune --target cuda over the f16 sizes
# whose default became the split layout with H_m on tensor cores as one
# f16 piece (0f1bb27), 16384 rows, to see whether another configuration
# beats the new default.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
$B/walsh tune --target cuda --dtype f16 --heads 72,88,104,120,144,224 --head-dim 128 --batch 1 --seq 16384 --db $OUT/tune-f16-run362.json 2>&1 | tail -12
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run362.txt
