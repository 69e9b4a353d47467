#!/usr/bin/env bash
# Device run 438 (2026-12-04), 282ce47's bundle (fp32 1664 and 1920 at
# four rows a block): (1) the conformance kernels whose PTX differs from
# run435's set, checked against float64 on 257 rows; (2) `walsh bench`
# through the JIT over fp32 1664 and 1920 at 16384 and 65536 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf438c && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels)"
timeout 60 $B/walsh-gpu /tmp/conf438c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for rows in 16384 65536; do
  echo "== walsh bench, $rows rows"
  timeout 60 $B/walsh bench --target cuda --sizes 1664,1920 --dtypes f32 --rows $rows --decode-rows none
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-fp32-hm-warp-rows-bench-run438.txt
