#!/usr/bin/env bash
# Device run 469 (2026-12-04): build469.sh's kernels, two passes, every
# kernel checked first: H_m on tensor cores' bf16 tables widened by a
# shift and a mask against the conversion (65536 and 16384 rows), and the
# split layout's stores straight from the accumulators (16384 rows).
set -u
cd /tmp && rm -rf walsh-bundle t469 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
for pass in 1 2; do
  echo "== 65536 rows, pass $pass"
  timeout 60 $B/walsh-gpu /tmp/t469/r65536 --check-rows 257 --rows 65536
  echo "== 16384 rows, pass $pass"
  timeout 60 $B/walsh-gpu /tmp/t469/r16384 --check-rows 257 --rows 16384
  echo "== split, 16384 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/t469/split --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-tables16-direct-stores-run469.txt
