#!/usr/bin/env bash
# Device run 329 (2026-12-02): walsh tune over the fp32 sizes with a dense
# factor past 8192 that run326 first swept (16384 rows: 9216 … 28672 as 72
# … 224 heads of 128), the fp32 misses at 65536 rows (1920, 3840, 4608,
# 5632, 6656, 7168, 7680 as 15 … 60 heads of 128), and 16-bit 32768 at
# 16384 rows; the bundle of the commit that adds this script.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
date -u +%H:%M:%S
timeout 200 $B/walsh tune --target cuda --dtype f32 --batch 4 --seq 4096 --heads 72,88,104,112,120,144,160,224 --head-dim 128 --db /tmp/tune329.json 2>&1 | tail -10
timeout 150 $B/walsh tune --target cuda --dtype f32 --batch 16 --seq 4096 --heads 15,30,36,44,52,56,60 --head-dim 128 --db /tmp/tune329.json 2>&1 | tail -9
timeout 100 $B/walsh tune --target cuda --dtype bf16,f16 --batch 4 --seq 4096 --heads 256 --head-dim 128 --db /tmp/tune329.json 2>&1 | tail -4
date -u +%H:%M:%S
cp /tmp/tune329.json $OUT/ 2>/dev/null
} 2>&1 | tee $OUT/run329.txt
