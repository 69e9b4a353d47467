#!/usr/bin/env bash
# Device run 408 (2026-12-04), f9e13f0's bundle: (1) fp32 30720 and 26624,
# the split layout on tensor cores (the new defaults, the other g, the rows
# two grids ahead) beside the old defaults (build408.sh): walsh-gpu checks
# each on 257 rows against float64, then times it beside a device-to-device
# copy, two passes at 16384 rows, one at 4096. (2) `walsh bench` through
# the JIT and `walsh tune` at those two sizes (heads 240 and 208 of 128).
# (3) The conformance kernels f9e13f0 moved or added (the whole set
# compiled here, `tests/gpu/gpu-conformance.sh build/bin --compile-only`,
# then only the kernels whose PTX differs from 4e353a6's set: conf408c),
# each checked against float64 on 257 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf408 conf408c && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (moved and new kernels)"
timeout 120 $B/walsh-gpu /tmp/conf408c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/conf408 --check-rows 257 --rows 16384
done
echo "== 4096 rows"
timeout 60 $B/walsh-gpu /tmp/conf408 --check-rows 257 --rows 4096
echo "== walsh bench"
timeout 120 $B/walsh bench --target cuda --sizes 26624,30720 --dtypes f32 --rows 16384 --decode-rows none
echo "== walsh tune"
timeout 200 $B/walsh tune --target cuda --dtype f32 --batch 4 --seq 4096 --heads 208,240 --head-dim 128 --db /tmp/tune408.json 2>&1 | tail -8
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-fp32-split-mma-run408.txt
