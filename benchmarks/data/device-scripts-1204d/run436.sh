#!/usr/bin/env bash
# Device run 436 (2026-12-04), 17c5942's bundle (run435's): `walsh tune`
# over every size past 8192 at 16384 rows (batch 4 x seq 4096, heads 72
# ... 256 of 128) in fp32, bf16 and f16, and fp32 1664 (13 x 128), now
# that the one-lane candidates take the deferred lane levels, two warps
# and H_m's column blocks. Each candidate is checked against float64
# before it is timed; the databases are thrown away.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
H=72,80,88,96,104,112,120,128,144,160,176,192,208,224,240,256
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for t in f32 bf16 f16; do
  timeout 170 $B/walsh tune --target cuda --dtype $t --batch 4 --seq 4096 --heads $H --head-dim 128 --db /tmp/tune436$t.json
done
timeout 60 $B/walsh tune --target cuda --dtype f32 --batch 4 --seq 4096 --heads 13 --head-dim 128 --db /tmp/tune436s.json
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-tune-past-8192-run436.txt
