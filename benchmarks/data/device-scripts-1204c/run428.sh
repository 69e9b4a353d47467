#!/usr/bin/env bash
# Device run 428 (2026-12-04), 98cea85's bundle (4184f0c changed only
# help text and docs): `walsh tune` over the fp32 sizes still below issue
# 4's targets now that the candidates it sweeps (one lane or pairs, m
# values a thread, cross_warp = shared) take the dense-index transpose:
# 16384 rows (batch 4 x seq 4096) for 13312 ... 30720 (heads of 128), and
# 65536 rows (16 x 4096) for 3840 and 7680. Each candidate is checked
# against float64 before it is timed; the database is thrown away.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 300 $B/walsh tune --target cuda --dtype f32 --batch 4 --seq 4096 --heads 104,120,144,160,176,192,208,224,240 --head-dim 128 --db /tmp/tune428.json
timeout 200 $B/walsh tune --target cuda --dtype f32 --batch 16 --seq 4096 --heads 30,60 --head-dim 128 --db /tmp/tune428b.json
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-tune-fp32-dense-transpose-run428.txt
