#!/usr/bin/env bash
# Device run 177 (2026-11-30): `walsh tune` (a fresh database) over the
# 16-bit shapes that miss 0.85 of the copy roofline at 16384 rows by a
# little (f16 416, 480, 512, 832, 1152; bf16 and f16 1792, 3072, 4096,
# 8192), batch 2 x seq 8192; the bundle as run176 (.device/bundle.tar.xz).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
T="$B/walsh tune --target cuda --db /tmp/tdb.json --force --batch 2 --seq 8192"
{
date -u +%T
WALSH_CACHE_DIR=/tmp/wc timeout 150 $T --dtype f16 --head-dim 32 --heads 13,15
WALSH_CACHE_DIR=/tmp/wc timeout 150 $T --dtype f16 --head-dim 128 --heads 4,9
WALSH_CACHE_DIR=/tmp/wc timeout 150 $T --dtype f16 --head-dim 64 --heads 13
WALSH_CACHE_DIR=/tmp/wc timeout 200 $T --dtype bf16,f16 --head-dim 128 --heads 14,24,32,64
echo "tune rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run177.txt
