#!/usr/bin/env bash
# Device run 439 (2026-12-04), 282ce47's bundle (run438's) and build437.sh's
# kernels again: fp32 1664 and 1920 at 65536 rows, eight rows a block
# (with and without the rows ahead in L2) against four without, four
# passes (run438's `walsh bench` put the new 1664 default at 0.88 there,
# run437's walsh-gpu at 0.90), then `walsh bench` twice.
set -u
cd /tmp && rm -rf walsh-bundle t437 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2 3 4; do
  echo "== 65536 rows, pass $pass"
  timeout 60 $B/walsh-gpu /tmp/t437/r65536 --check-rows 257 --rows 65536
done
for pass in 1 2; do
  echo "== walsh bench, 65536 rows, pass $pass"
  timeout 60 $B/walsh bench --target cuda --sizes 1664,1920 --dtypes f32 --rows 65536 --decode-rows none
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-fp32-hm-warp-rows-65536-run439.txt
