#!/usr/bin/env bash
# Device run 403 (2026-12-04): (1) 16-bit 32768 on the power-of-two split
# on tensor cores with the rows prefetched 'row_iters' grids ahead into
# L2 (which came after run335 measured the split there): H_16 (x) H_2048
# (512 threads) with H_16 on tensor cores (v8, `row_iters` 1, 2, 3) or by
# its radix-2 levels (v4, a and b from global memory, 1, 2), H_32 (x)
# H_1024 (1024 threads, v8, 1, 2), beside the default (128 values over
# 256 threads through transposes). (2) 16-bit 22528 (44 x 512) at g = 2
# (704 threads: 32 items over 22 warps, 10 in the last round, so two row
# buffers by mmaSplitHmTwoRows), `row_iters` 1 and 2, beside its default
# (g = 4, one buffer). Kernels compiled here (`walsh compile --target cuda
# --rows 16384 --d D --dtype T ...`, configurations in their names).
# walsh-gpu checks each on 257 rows against float64, then times it beside
# a device-to-device copy: two passes at 16384 rows, one at 65536.
set -u
cd /tmp && rm -rf walsh-bundle conf403 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/conf403 --check-rows 257 --rows 16384
done
echo "== 65536 rows"
timeout 150 $B/walsh-gpu /tmp/conf403 --check-rows 257 --rows 65536
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-split-32768-22528-run403.txt
