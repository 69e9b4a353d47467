#!/usr/bin/env bash
# Device run 462 (2026-12-04), run457's bundle and build462.sh's kernels
# (the same PTX under three names): each checked against float64 on 257
# rows, then timed beside a device-to-device copy of the same bytes,
# 16384 rows, five passes (five processes).
set -u
cd /tmp && rm -rf walsh-bundle t462 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2 3 4 5; do
  echo "== 16384 rows, pass $pass"
  timeout 60 $B/walsh-gpu /tmp/t462/r16384 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-same-ptx-passes-run462.txt
