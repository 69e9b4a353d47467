#!/usr/bin/env bash
# Device run 399 (2026-12-04): the new 16-bit defaults at 22528, 26624
# and 30720 (the split layout with H_m on tensor cores, run398) in their
# forms without a and b and transposed (H^T), beside the same forms in
# the old layout (m values a thread over 512 threads: `--elems-per-thread
# m --threads-per-row 512 --vector-width 1 --cross-warp shared`). Kernels
# compiled here (`walsh compile --target cuda --rows 16384 ...` at the
# commit that takes them; .device/conf.tar.xz); walsh-gpu checks each on
# 257 rows against float64 and times it beside a device-to-device copy:
# one pass at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf399 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/conf399 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-dense-512-forms-run399.txt
