#!/usr/bin/env bash
# Device run 424 (2026-12-04), 23e0ec6's bundle (the dense-index
# transpose): (1) the 4 conformance kernels whose PTX changed since run423
# checked them (9216 plain and without a and b, the bhsd and row-sum jobs:
# the register-cap rule narrowed to 44 values, a .minnctapersm line less),
# checked against float64 on 257 rows; (2) build424.sh's configurations
# taking the form beside each size's default, checked, then timed beside
# a device-to-device copy, two passes; (3) `walsh bench` through the JIT
# over the fp32 sizes whose defaults took the form (cuBLAS beside it).
set -u
cd /tmp && rm -rf walsh-bundle conf424c t424 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels)"
timeout 60 $B/walsh-gpu /tmp/conf424c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t424/r16384 --check-rows 257 --rows 16384
  echo "== 65536 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t424/r65536 --check-rows 257 --rows 65536
done
echo "== walsh bench, 16384 rows"
timeout 150 $B/walsh bench --target cuda --sizes 9216,11264,13312,15360,18432,22528 --dtypes f32 --rows 16384 --decode-rows none
echo "== walsh bench, 65536 rows"
timeout 150 $B/walsh bench --target cuda --sizes 4608,5632,6656,7680 --dtypes f32 --rows 65536 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-dense-transpose-others-bench-run424.txt
