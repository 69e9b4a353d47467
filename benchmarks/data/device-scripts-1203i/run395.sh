#!/usr/bin/env bash
# Device run 395 (2026-12-03): the build with fp32 13312's register cap
# (52 values over 256 threads: two blocks of 128 registers, run394). Its
# forms as compiled now (.device/conf.tar.xz: `walsh compile --target cuda
# --d 13312 --dtype f32 [--no-affine | --transpose | --out-dtype bf16 |
# --epilogue ...]`) beside the same PTX without `.minnctapersm 2` (ptxas
# -O3 here, names ending _nocap); fp32 15360 capped at 128 and 18432 at 64
# beside their defaults. walsh-gpu checks each on 257 rows against float64
# and times it beside a device-to-device copy: two passes at 16384 rows,
# one at 65536. Then the JIT: `walsh run --check` at 1000 and 16384 rows,
# `walsh bench` with cuBLAS at 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf395 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/conf395 --check-rows 257 --rows 16384
done
echo "== 65536 rows"
timeout 150 $B/walsh-gpu /tmp/conf395 --check-rows 257 --rows 65536
for r in 1000 16384; do
  echo "== walsh run --check f32 13312, $r rows"
  timeout 60 $B/walsh run --target cuda --d 13312 --dtype f32 --rows $r --check --json
done
echo "== walsh bench"
timeout 120 $B/walsh bench --target cuda --sizes 13312 --dtypes f32 --rows 65536,16384 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-f32-13312-cap-run395.txt
