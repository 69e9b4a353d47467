#!/usr/bin/env bash
# Device run 454 (2026-12-04), the bundle of 0fde2ef's code: (1) the GPU
# conformance kernels whose PTX 0fde2ef changed (tests/gpu/gpu-conformance.sh
# --compile-only, diffed against 35b1291's set), checked against float64 on
# 257 rows (packed and strided, output poisoned); (2) `walsh bench` fp32
# past 8192 at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle t454c && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels)"
timeout 150 $B/walsh-gpu /tmp/t454c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
echo "== walsh bench, 16384 rows"
timeout 240 $B/walsh bench --target cuda --sizes 8193-32768 --dtypes f32 --rows 16384 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-pairs-row-blocks-conformance-bench-run454.txt
