#!/usr/bin/env bash
# Device run 465 (2026-12-04): the split layout's affine on tensor cores
# (build465.sh): each default beside its variants, 16384 rows, two passes,
# every kernel checked first.
set -u
cd /tmp && rm -rf walsh-bundle t465 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/t465/r16384 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-split-affine-run465.txt
