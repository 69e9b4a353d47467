#!/usr/bin/env bash
# Device run 407 (2026-12-04): fp32 rows of a dense factor in the split
# layout with the m-point stage on tensor cores (`_tc`, three bf16 pieces
# a value; build407.sh) beside each size's default. walsh-gpu checks each
# kernel on 257 rows against float64 (output poisoned), then times it
# beside a device-to-device copy of the same bytes.
set -u
cd /tmp && rm -rf walsh-bundle conf407 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== big, 16384 rows, pass $pass"
  timeout 200 $B/walsh-gpu /tmp/conf407/big --check-rows 257 --rows 16384
done
echo "== small, 65536 rows"
timeout 100 $B/walsh-gpu /tmp/conf407/small --check-rows 257 --rows 65536
echo "== small, 16384 rows"
timeout 60 $B/walsh-gpu /tmp/conf407/small --check-rows 257 --rows 16384
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-fp32-split-tc-run407.txt
