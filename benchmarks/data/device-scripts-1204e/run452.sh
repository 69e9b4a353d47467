#!/usr/bin/env bash
# Device run 452 (2026-12-04), run451's bundle and build452.sh's kernels: each checked against
# float64 on 257 rows (output poisoned, packed and one row alignment
# apart), then timed beside a device-to-device copy of the same bytes,
# three passes.
set -u
cd /tmp && rm -rf walsh-bundle t452 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2 3; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/t452/r16384 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-l2-ahead-24576-run452.txt
