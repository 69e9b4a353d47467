#!/usr/bin/env bash
# Device run 325 (2026-12-02): walsh tune over the 16-bit misses left at
# 65536 and 16384 rows (1280, 6656, 8192 as 10, 52, 64 heads of 128; 416
# and 320 as 13 and 10 heads of 32), bf16 and f16, the bundle of 46bdbd9
# (the tuner compiles its candidates there, with that compiler).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
date -u +%H:%M:%S
timeout 250 $B/walsh tune --target cuda --dtype bf16,f16 --batch 16,4 --seq 4096 --heads 10,52,64 --head-dim 128 --db /tmp/tune325.json 2>&1 | tail -14
timeout 150 $B/walsh tune --target cuda --dtype bf16,f16 --batch 16,4 --seq 4096 --heads 10,13 --head-dim 32 --db /tmp/tune325.json 2>&1 | tail -10
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run325.txt
