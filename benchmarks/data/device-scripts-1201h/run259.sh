#!/usr/bin/env bash
# Device run 259 (2026-12-01): walsh tune (the build of 2e518a9) over the
# 16-bit sizes that miss issue 4's targets at 65536 or 16384 rows, bf16:
# 288, 320, 416, 480 (head_dim 32), 1280, 3328 (64), 1536, 3584, 4608,
# 5632, 6144, 8192 (128); batch 16 and 4 of 4096 tokens. Whether any
# candidate beats the default (every candidate checked by the tuner).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
timeout 120 $B/walsh tune --target cuda --db /tmp/tune259.json --force --dtype bf16 --batch 16,4 --seq 4096 --heads 9,10,13,15 --head-dim 32 2>&1 | tail -10
date -u +%H:%M:%S
timeout 100 $B/walsh tune --target cuda --db /tmp/tune259.json --force --dtype bf16 --batch 16,4 --seq 4096 --heads 20,52 --head-dim 64 2>&1 | tail -6
date -u +%H:%M:%S
timeout 150 $B/walsh tune --target cuda --db /tmp/tune259.json --force --dtype bf16 --batch 16,4 --seq 4096 --heads 12,28,36,44,48,64 --head-dim 128 2>&1 | tail -14
date -u +%H:%M:%S
cp /tmp/tune259.json $OUT/ 2>/dev/null
} 2>&1 | tee $OUT/run259.txt
