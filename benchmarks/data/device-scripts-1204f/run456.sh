#!/usr/bin/env bash
# Device run 456 (2026-12-04), the bundle of the four-position dense-index
# transpose (fp32 20480 as 80 values over 256 threads) and build456.sh's
# kernels: (1) the conformance kernels the rule moved, checked against
# float64 on 257 rows (packed and strided, output poisoned); (2) fp32 28672
# and 26624 with row groups beside their defaults, 16384 rows; (3) 16-bit
# 6144's decode defaults beside the old form at 1, 16, 64 rows (plain
# launches); each checked, two passes; (4) `walsh bench` fp32 past 8192
# at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle t456 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels)"
timeout 100 $B/walsh-gpu /tmp/t456/conf --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/t456/r16384 --check-rows 257 --rows 16384
  for r in 1 16 64; do
    echo "== $r rows, pass $pass"
    timeout 60 $B/walsh-gpu /tmp/t456/r$r --check-rows 257 --rows $r
  done
done
echo "== walsh bench, 16384 rows"
timeout 200 $B/walsh bench --target cuda --sizes 8193-32768 --dtypes f32 --rows 16384 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-quads-row-groups-decode-6144-run456.txt
