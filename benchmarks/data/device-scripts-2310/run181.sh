#!/usr/bin/env bash
# Device run 181 (2026-11-30): `walsh tune` (a fresh database) over the
# fp32 shapes that miss 0.9 at 65536 rows (batch 8 x seq 8192): d = 3328,
# 3840, 4608, 5632, 6656, 7168, 7680 (head dim 128).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%T
WALSH_CACHE_DIR=/tmp/wc timeout 300 $B/walsh tune --target cuda --db /tmp/tdb.json --force --seq 8192 --batch 8 --dtype f32 --head-dim 128 --heads 26,30,36,44,52,56,60
echo "tune rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run181.txt
