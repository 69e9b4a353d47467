#!/usr/bin/env bash
# Device run 473 (2026-12-04): build473.sh's kernels (f16 split layouts,
# stage 1 giving Y / 16 by its fragments against a multiply), 16384 rows,
# two passes, every kernel checked first.
set -u
cd /tmp && rm -rf walsh-bundle t473 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 250 $B/walsh-gpu /tmp/t473/r16384 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-f16-stage1-sixteenth-run473.txt
