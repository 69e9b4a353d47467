#!/usr/bin/env bash
# Device run 193 (2026-12-01): walsh tune with decode graphs of 100 launches
# (kDecodeGraphCalls) over the decode misses: fp32 8192 and every dtype's
# 3584 (28 x 128) at 1 and 16 rows; then walsh bench of the same shapes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 150 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype f32 --head-dim 128 --heads 64 --batch 1,16 --seq 1
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 200 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype bf16,f16,f32 --head-dim 128 --heads 28 --batch 1,16 --seq 1
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 60 $B/walsh bench --target cuda --sizes 3584,8192 --dtypes bf16,f16,f32 --rows 16384 --decode-rows 1,16 --no-dense
} 2>&1 | tee $OUT/run193.txt
