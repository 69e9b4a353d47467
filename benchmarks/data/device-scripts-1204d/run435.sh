#!/usr/bin/env bash
# Device run 435 (2026-12-04), 17c5942's bundle (the dense-index transpose
# over two warps): (1) the 16 conformance kernels whose PTX differs from
# run433's set, checked against float64 on 257 rows; (2) build435.sh's
# fp32 1536, 2560, 3584 (pairs over 64 threads) before ('_rt') and after,
# checked and timed beside a copy, two passes; (3) `walsh bench` through
# the JIT over every fp32 size from 256 to 8192 at 65536 and 16384 rows
# (cuBLAS beside it).
set -u
cd /tmp && rm -rf walsh-bundle conf435c t435 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels)"
timeout 60 $B/walsh-gpu /tmp/conf435c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== 65536 rows, pass $pass"
  timeout 60 $B/walsh-gpu /tmp/t435/r65536 --check-rows 257 --rows 65536
  echo "== 16384 rows, pass $pass"
  timeout 60 $B/walsh-gpu /tmp/t435/r16384 --check-rows 257 --rows 16384
done
echo "== walsh bench, 65536 rows"
timeout 200 $B/walsh bench --target cuda --sizes 256-8192 --dtypes f32 --rows 65536 --decode-rows none
echo "== walsh bench, 16384 rows"
timeout 150 $B/walsh bench --target cuda --sizes 256-8192 --dtypes f32 --rows 16384 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-two-warps-fp32-sweep-run435.txt
