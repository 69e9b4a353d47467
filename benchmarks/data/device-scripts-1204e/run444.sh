#!/usr/bin/env bash
# Device run 444 (2026-12-04), the bundle of 019dc0b's code (built with
# build444.sh's switch, off unless set: every kernel below without it is
# byte-identical to 019dc0b's): the 13 GPU conformance kernels whose PTX
# 019dc0b changed (tests/gpu/gpu-conformance.sh --compile-only, diffed
# against c20e471's set), checked against float64 on 257 rows (packed and
# strided, output poisoned); build444.sh's kernels, checked, then timed
# beside a device-to-device copy, two passes; `walsh bench` fp32 past 8192
# at 16384 rows and 6656 at 65536.
set -u
cd /tmp && rm -rf walsh-bundle t444 t444c && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels)"
timeout 120 $B/walsh-gpu /tmp/t444c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== partial rounds, 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/t444/r16384 --check-rows 257 --rows 16384
  echo "== partial rounds, 65536 rows, pass $pass"
  timeout 60 $B/walsh-gpu /tmp/t444/r65536 --check-rows 257 --rows 65536
done
echo "== walsh bench, 16384 rows"
timeout 240 $B/walsh bench --target cuda --sizes 8193-32768 --dtypes f32 --rows 16384 --decode-rows none
echo "== walsh bench, 65536 rows"
timeout 60 $B/walsh bench --target cuda --sizes 6656 --dtypes f32 --rows 65536 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-row-blocks-partial-rounds-run444.txt
