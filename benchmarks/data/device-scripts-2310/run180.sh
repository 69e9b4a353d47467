#!/usr/bin/env bash
# Device run 180 (2026-11-30): `walsh tune` (a fresh database) over more
# shapes that miss the targets: 16-bit at 16384 rows (batch 2 x
# seq 8192) d = 3328 ... 8192, at 65536 rows (8 x 8192) 288, 320, 416,
# 480, 1280; fp32 at 16384 rows 832, 3328, 3840, 6656, 7680.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
T="$B/walsh tune --target cuda --db /tmp/tdb.json --force --seq 8192"
{
date -u +%T
WALSH_CACHE_DIR=/tmp/wc timeout 250 $T --batch 2 --dtype bf16,f16 --head-dim 128 --heads 26,28,30,36,40,44,48,64
WALSH_CACHE_DIR=/tmp/wc timeout 120 $T --batch 8 --dtype bf16,f16 --head-dim 32 --heads 9,10,13,15
WALSH_CACHE_DIR=/tmp/wc timeout 60 $T --batch 8 --dtype bf16,f16 --head-dim 128 --heads 10
WALSH_CACHE_DIR=/tmp/wc timeout 150 $T --batch 2 --dtype f32 --head-dim 64 --heads 13,52,60
WALSH_CACHE_DIR=/tmp/wc timeout 150 $T --batch 2 --dtype f32 --head-dim 128 --heads 30,60
echo "tune rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run180.txt
