#!/usr/bin/env bash
# Device run 398 (2026-12-04): the dense sizes past 18432 that no run had
# timed, 22528 (44 x 512), 26624 (52 x 512) and 30720 (60 x 512), in every
# dtype at their defaults (m values a thread over 512 threads, the sign
# program), and in 16 bits beside the split layout on tensor cores
# (`--cross-warp mma --vector-width 8`, g = 2 dense indices a warp: 704,
# 832, 960 threads, also with `--row-iters 2`; g = 4: 352, 416, 480).
# Kernels compiled here (`walsh compile --target cuda --rows 16384 ...`,
# .device/conf.tar.xz); walsh-gpu checks each on 257 rows against float64
# and times it beside a device-to-device copy: two passes at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf398 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/conf398 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-dense-512-run398.txt
