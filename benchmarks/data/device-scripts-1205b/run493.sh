#!/usr/bin/env bash
# Device run 493 (2026-12-05, session 63): the exit statuses of a bad
# --device with the real driver (2 from run, bench and tune; bench gave 1
# before a0b26fc), on that commit's bundle; the GPU's own run as a control.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
for c in "run --target cuda --device 3 --d 256 --rows 64" \
         "bench --target cuda --device 3 --sizes 256 --dtypes bf16 --rows 64 --decode-rows none --no-dense" \
         "tune --target cuda --device 3 --heads 2 --head-dim 128 --batch 1 --seq 4" \
         "run --target cuda --device 3 --d 256 --rows 64 --json" \
         "run --target cuda --d 256 --rows 64 --check"; do
  echo "== walsh $c"
  walsh $c 2>&1 | tail -3
  echo "status ${PIPESTATUS[0]}"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run493.txt
