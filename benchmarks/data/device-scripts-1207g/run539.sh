#!/usr/bin/env bash
# Device run 539 (written 2026-12-07, session 81, for an H200): runs 535
# and 537's `walsh tune` again where the defaults are chosen, so that the
# H200's answer stands beside the H100's (tuned beat the defaults by
# 1.04-1.18 x at 16-bit 3328 ... 5632 there; on the H200 the tuner kept
# them at 3328 and 4608 on 2026-12-03, run331, before the kernels since).
# Every candidate checked against float64, timed beside the default and a
# device-to-device copy. On another card it says so and stops.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
nvidia-smi --query-gpu=name --format=csv,noheader | grep -q H200 || { echo "not an H200: run539 is for the H200"; exit 0; }
date -u +%H:%M:%S
for r in 16384 65536; do
  WALSH_CACHE_DIR=/tmp/wc539 timeout 120 walsh tune --target cuda --dtype bf16,f16 \
    --d 3328,3584,4608,5120,5632 --rows $r --db /tmp/tune539-$r.json; echo "status $?"
  date -u +%H:%M:%S
done
WALSH_CACHE_DIR=/tmp/wc539 timeout 150 walsh tune --target cuda --dtype bf16 \
  --d 1280,2560,3072,4096,6144,6656,7168,7680,13312,16384,26624,30720 --rows 16384 \
  --db /tmp/tune539-more.json; echo "status $?"
cp /tmp/tune539-*.json $OUT/ 2>/dev/null
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run539.txt
