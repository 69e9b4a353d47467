#!/usr/bin/env bash
# Device run 467 (2026-12-04): the split layout's m-point stage on tensor
# cores with a and b in fp32 where they fit (build467.sh): 16-bit 7168 ...
# 30720 at 16384 rows and 7168 at 65536, two passes, every kernel checked
# first.
set -u
cd /tmp && rm -rf walsh-bundle t467 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/t467/r16384 --check-rows 257 --rows 16384
  echo "== 65536 rows, pass $pass"
  timeout 60 $B/walsh-gpu /tmp/t467/r65536 --check-rows 257 --rows 65536
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-split-f32-params-run467.txt
