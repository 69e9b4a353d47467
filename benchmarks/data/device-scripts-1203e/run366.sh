#!/usr/bin/env bash
# Device run 366 (2026-12-03), the bundle of d9fe498 (run365's): walsh tune --target
# cuda --dtype f16 over the sizes whose stage 2 became one f16 piece
# (H_m on tensor cores), 65536 and 16384 rows (batch 16 and 4 of 4096), to
# see whether another configuration now beats f16's defaults (f16 kept
# its own layouts while its stage 2 took tf32 or hi + lo).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
timeout 280 $B/walsh tune --target cuda --dtype f16 --heads 26,30,36,44,52,60 --head-dim 128 --batch 16,4 --seq 4096 --db $OUT/tune-f16-run366a.json 2>&1 | tail -16
date -u +%H:%M:%S
timeout 200 $B/walsh tune --target cuda --dtype f16 --heads 9,10,13,15 --head-dim 32 --batch 16,4 --seq 4096 --db $OUT/tune-f16-run366b.json 2>&1 | tail -12
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run366.txt
