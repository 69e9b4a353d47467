#!/usr/bin/env bash
# Device run 327 (2026-12-02): the bundle of 3e4e463 (the tuner's H_m on
# tensor cores' candidates where the default is the tiles): walsh tune
# over 1280, 1792, 2304, 2560 (10, 14, 18, 20 heads of 128), bf16 and
# f16, 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
date -u +%H:%M:%S
timeout 300 $B/walsh tune --target cuda --dtype bf16,f16 --batch 16,4 --seq 4096 --heads 10,14,18,20 --head-dim 128 --db /tmp/tune327.json 2>&1 | tail -20
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run327.txt
