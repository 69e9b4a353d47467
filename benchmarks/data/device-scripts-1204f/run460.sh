#!/usr/bin/env bash
# Device run 460 (2026-12-04), run457's bundle and build460.sh's kernels:
# each checked against float64 on 257 rows (output poisoned, packed and
# one row alignment apart), then timed beside a device-to-device copy of
# the same bytes, 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle t460 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/t460/r16384 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-l2-ahead-two-blocks-run460.txt
