#!/usr/bin/env bash
# Device run 472 (2026-12-04), d1ffa00's bundle: `walsh tune` over the
# 16-bit sizes at the edge of issue 4's targets after this session's
# widening (16384 rows: 9216, 11264, 14336, 20480 = 72, 88, 112, 160 heads
# of 128; 65536 rows: 6656 = 52 heads of 128), bf16 and f16, each
# candidate checked before it is timed, the database thrown away.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== walsh tune 16-bit, 16384 rows"
timeout 280 $B/walsh tune --target cuda --dtype bf16,f16 --batch 4 --seq 4096 --heads 72,88,112,160 --head-dim 128 --db /tmp/tune472.json
echo "== walsh tune 16-bit, 65536 rows"
timeout 200 $B/walsh tune --target cuda --dtype bf16,f16 --batch 16 --seq 4096 --heads 52 --head-dim 128 --db /tmp/tune472.json
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-tune-edge-16-bit-run472.txt
