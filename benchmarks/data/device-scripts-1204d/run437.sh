#!/usr/bin/env bash
# Device run 437 (2026-12-04), 17c5942's bundle (run435's) and
# build437.sh's kernels: each checked against float64 on 257 rows (output
# poisoned), then timed beside a device-to-device copy of the same bytes,
# two passes.
set -u
cd /tmp && rm -rf walsh-bundle t437 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 200 $B/walsh-gpu /tmp/t437/r16384 --check-rows 257 --rows 16384
  echo "== 65536 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t437/r65536 --check-rows 257 --rows 65536
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-fp32-hm-warp-rows-run437.txt
