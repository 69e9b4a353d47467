#!/usr/bin/env bash
# Device run 380 (2026-12-03): walsh tune over decode shapes with a dense
# factor, where it now times the grouped layout's clusters (2 ... 8 blocks
# splitting H_m's outputs): d = 3840 (30 heads of 128) and 7680 (60 of
# 128), 16 and 64 rows, bf16 and fp32; the database listed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc380
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 400 $B/walsh tune --target cuda --dtype bf16,f32 --heads 30,60 --head-dim 128 --batch 1 --seq 16,64 --db /tmp/tune380.json 2>&1
cp /tmp/tune380.json $OUT/h200-tune-run380.json
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run380.txt
