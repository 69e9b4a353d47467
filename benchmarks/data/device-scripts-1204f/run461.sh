#!/usr/bin/env bash
# Device run 461 (2026-12-04), run457's bundle and build461.sh's kernels:
# each checked against float64 on 257 rows (output poisoned, packed and
# one row alignment apart), then timed beside a device-to-device copy of
# the same bytes, 16384 rows (three passes) and 65536 rows (two).
set -u
cd /tmp && rm -rf walsh-bundle t461 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2 3; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/t461/r16384 --check-rows 257 --rows 16384
done
for pass in 1 2; do
  echo "== 65536 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/t461/r65536 --check-rows 257 --rows 65536
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-l2-ahead-two-blocks-run461.txt
