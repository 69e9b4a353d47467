#!/usr/bin/env bash
# Device run 451 (2026-12-04), the bundle of 35b1291's code: (1) the 19
# GPU conformance kernels whose PTX 35b1291 changed (the L2 prefetch
# distance of rows past 96 KB; tests/gpu/gpu-conformance.sh
# --compile-only, diffed against 019dc0b's set), checked against float64
# on 257 rows (packed and strided, output poisoned); (2) the moved
# kernels not timed in runs 448-450 (fp32 32768 with RMSNorm, LayerNorm,
# a residual, residual + RMSNorm; 40960, 49152), 019dc0b's (suffix _old)
# beside 35b1291's, at 16384 rows, two passes; (3) `walsh bench` fp32 past
# 8192 at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle t451c t451p && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels)"
timeout 150 $B/walsh-gpu /tmp/t451c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== moved, not timed before, 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/t451p/r16384 --check-rows 257 --rows 16384
done
echo "== walsh bench, 16384 rows"
timeout 240 $B/walsh bench --target cuda --sizes 8193-32768 --dtypes f32 --rows 16384 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-l2-ahead-conformance-bench-run451.txt
