#!/usr/bin/env bash
# Device run 265 (2026-12-01): why `walsh bench` reads bf16 8192 and 16384
# at 65536 rows 0.05 lower than `walsh-gpu` (the same kernels, the same
# copy times): both tools, and `walsh run --target cuda`, side by side on
# the `walsh compile --rows 65536` defaults (.device/bb.tar.xz). Then walsh
# tune over the f16 misses (runs 259 and 262 tuned bf16 and fp32).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/bb && tar xJf .device/bb.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== pass $pass walsh-gpu"
  $B/walsh-gpu /tmp/bb/k --check-rows 257 --rows 65536 2>&1 | grep outproj
  echo "== pass $pass walsh bench"
  $B/walsh bench --target cuda --sizes 8192,16384 --dtypes bf16 --rows 65536 --decode-rows none --no-dense 2>&1 | grep "^bf16"
  echo "== pass $pass walsh bench, one size"
  $B/walsh bench --target cuda --sizes 16384 --dtypes bf16 --rows 65536 --decode-rows none --no-dense 2>&1 | grep "^bf16"
  echo "== pass $pass walsh run"
  for d in 8192 16384; do
    $B/walsh run --target cuda --d $d --dtype bf16 --rows 65536 --json 2>&1 | grep -E '"(time_us|copy_us|roofline_fraction|config)"'
  done
done
date -u +%H:%M:%S
echo "== tune f16"
export WALSH_CACHE_DIR=/tmp/wc
timeout 60 $B/walsh tune --target cuda --db /tmp/tune265.json --force --dtype f16 --batch 16,4 --seq 4096 --heads 13,15 --head-dim 32 2>&1 | tail -6
timeout 60 $B/walsh tune --target cuda --db /tmp/tune265.json --force --dtype f16 --batch 16,4 --seq 4096 --heads 20,52 --head-dim 64 2>&1 | tail -6
timeout 150 $B/walsh tune --target cuda --db /tmp/tune265.json --force --dtype f16 --batch 16,4 --seq 4096 --heads 36,48,52,56,60,64 --head-dim 128 2>&1 | tail -14
cp /tmp/tune265.json $OUT/ 2>/dev/null
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run265.txt
