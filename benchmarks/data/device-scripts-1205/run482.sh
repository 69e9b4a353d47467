#!/usr/bin/env bash
# Device run 482 (2026-12-05): `walsh tune` over the 16-bit sizes below 0.90
# at 65536 rows in runs 475 and 481 that run472 did not tune (1280, 7168,
# 7680; 6656 again), each timed against its default ("vs dflt").
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=/tmp/wc482
{
date -u +%H:%M:%S
timeout 240 walsh tune --target cuda --batch 1 --seq 65536 --heads 10,52,56,60 --head-dim 128 --dtype bf16,f16 --db /tmp/t482.json 2>&1 | tail -14
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-tune-65536-run482.txt
