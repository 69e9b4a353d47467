#!/usr/bin/env bash
# Device run 433 (2026-12-04), 09623be's bundle (H_m's sign program in
# column blocks, fp32 30720 in bulk one lane): (1) the conformance kernels
# whose PTX differs from run431's set, checked against float64 on 257
# rows; (2) build433p.sh's probes (the small m = 52 / 60 defaults beside
# four column blocks), checked and timed beside a copy, two passes; (3)
# `walsh bench` through the JIT over every fp32 size past 8192 at 16384
# rows and fp32 3840, 6656, 7680 at 65536 (cuBLAS beside it).
set -u
cd /tmp && rm -rf walsh-bundle conf433c t433p && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels)"
timeout 120 $B/walsh-gpu /tmp/conf433c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== probes, 65536 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/t433p --check-rows 257 --rows 65536
done
echo "== walsh bench, 16384 rows"
timeout 240 $B/walsh bench --target cuda --sizes 8193-32768 --dtypes f32 --rows 16384 --decode-rows none
echo "== walsh bench, 65536 rows"
timeout 100 $B/walsh bench --target cuda --sizes 3840,6656,7680 --dtypes f32 --rows 65536 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-hm-column-blocks-run433.txt
