#!/usr/bin/env bash
# Device run 394 (2026-12-03): register caps that let more blocks share a
# multiprocessor, beside each default: fp32 13312 (52 values a thread, 168
# registers, one 256-thread block) capped at 128 (two blocks, 148 bytes of
# spills), fp32 9216 at 80 (three blocks, 76 bytes), fp32 6656 at 128
# (four, 148 bytes), fp32 5632 at 96 (five, 232 bytes), fp32 20480 at 48
# (two 640-thread blocks, 144 bytes), 16-bit 6656 (H_m on tensor cores,
# two rows a 256-thread block, 222 registers) at 128 (two, 272 bytes).
# The capped cubins were made here from `walsh compile --target cuda
# --rows 16384` PTX with `.maxnreg N` added and ptxas -O3 (the JSON's name
# changed); the launcher sizes persistent grids by the driver's occupancy.
# walsh-gpu checks each on 257 rows against float64, then times it beside
# a device-to-device copy: two passes at 16384 rows, one at 65536.
set -u
cd /tmp && rm -rf walsh-bundle conf394 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/conf394 --check-rows 257 --rows 16384
done
echo "== 65536 rows"
timeout 200 $B/walsh-gpu /tmp/conf394 --check-rows 257 --rows 65536
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-register-caps-run394.txt
