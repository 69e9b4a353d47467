#!/usr/bin/env bash
# Device run 485 (2026-12-05), 183ae00's bundle: `walsh tune` over the
# 16-bit sizes past 12288 still below 0.85 of the copy roofline at 16384
# rows in run475 (13312, 15360, 18432, 22528, 26624, 28672, 30720, 32768:
# heads 104 ... 256 of 128), which no tune had reached in 16-bit since the
# split layouts took them (run402 tuned 72, 88, 112; run472 72, 88, 112, 160).
set -u
cd /tmp && { [ -d walsh-bundle ] || tar xJf "$OLDPWD/.device/bundle.tar.xz"; } && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=/tmp/wc485
{
date -u +%H:%M:%S
echo "== walsh tune 16-bit, 16384 rows"
timeout 400 walsh tune --target cuda --dtype bf16,f16 --batch 4 --seq 4096 --heads 104,120,144,176,208,224,240,256 --head-dim 128 --db /tmp/tune485.json 2>&1 | tail -20
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-tune-16-bit-large-run485.txt
