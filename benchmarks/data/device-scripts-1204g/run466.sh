#!/usr/bin/env bash
# Device run 466 (2026-12-04): the L1 the carveout leaves (build466.sh):
# each bf16 default beside its form without a and b at its own shared
# memory and at the default's, 16384 rows, two passes, every kernel
# checked first.
set -u
cd /tmp && rm -rf walsh-bundle t466 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/t466/r16384 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-split-carveout-run466.txt
