#!/usr/bin/env bash
# Device run 294 (2026-12-02): walsh tune (the build of d77c1dc, stage 2
# from one piece) over the 16-bit sizes still short of issue 4's targets:
# bf16 1280, 3840, 6656, 7680 and f16 7168, 9216, 14336, 20480, as heads
# of 128, at 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
$B/walsh tune --target cuda --db /tmp/tune294.json --force --dtype bf16 --batch 16,4 --seq 4096 --heads 10,30,52,60 --head-dim 128 2>&1 | tail -12
$B/walsh tune --target cuda --db /tmp/tune294.json --force --dtype f16 --batch 16,4 --seq 4096 --heads 56,72,112,160 --head-dim 128 2>&1 | tail -12
cp /tmp/tune294.json $OUT/h200-tune294.json
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run294.txt
