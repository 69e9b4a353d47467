#!/usr/bin/env bash
# Device run 386 (2026-12-03): fp32 rows of a large dense factor (m >= 36)
# in bulk, the default (m values a thread, one row a block in turn) against
# two and four row groups (the next row prefetched by cp.async into shared
# memory while the current is transformed). walsh-gpu checks every kernel
# (.device/conf.tar.xz, compiled here with `walsh compile --target cuda
# --dtype f32 --rows 16384 [--row-iters N]`) on 257 rows, then times it
# against a device-to-device copy of the same bytes: two passes at 16384
# rows, one at 65536.
set -u
cd /tmp && rm -rf walsh-bundle conf386 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 200 $B/walsh-gpu /tmp/conf386 --check-rows 257 --rows 16384
done
echo "== 65536 rows"
timeout 200 $B/walsh-gpu /tmp/conf386 --check-rows 257 --rows 65536
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-f32-row-groups-run386.txt
