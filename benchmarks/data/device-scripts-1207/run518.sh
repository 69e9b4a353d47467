#!/usr/bin/env bash
# Device run 518 (2026-12-07, session 75): 86acb4a's bundle (device rows
# past the device's free memory refused by name through cuMemGetInfo_v2,
# which session 74's run518 never ran): walsh run's refusals with the real
# driver, a checked run and walsh-gpu on a few kernels (the symbol table
# loads; the check still passes), the C API test, a small walsh tune on
# this device (never run on an H100), then fuzz.py capi.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv,noheader
echo "== walsh run refusals on the device"
for a in "--rows 3 --row-stride 1099511627776" "--rows 3 --row-stride 4611686018427387904" "--rows 200000000000" "--batch 400000 --seq 500000" "--rows 100000000 --dtype f32"; do
  echo "-- $a"; WALSH_CACHE_DIR=none timeout 60 $B/bin/walsh run --target cuda --d 256 $a > /tmp/r.txt 2>&1; echo "status $?"; tail -1 /tmp/r.txt
done
echo "== walsh run, checked"
WALSH_CACHE_DIR=none timeout 60 $B/bin/walsh run --target cuda --d 4096 --dtype bf16 --rows 16384 --check 2>&1 | tail -4
echo "== walsh-gpu"
rm -rf /tmp/k && for d in 768 4096 16384; do WALSH_CACHE_DIR=none $B/bin/walsh compile --target cuda --dtype bf16 --d $d --rows 16384 --out /tmp/k > /dev/null || echo "compile $d failed"; done
timeout 120 $B/bin/walsh-gpu --rows 16384 --check-rows 257 /tmp/k 2>&1 | tail -5
echo "== capi test"
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -1
date -u +%H:%M:%S
echo "== walsh tune (small grid) on this device"
WALSH_CACHE_DIR=/tmp/wc timeout 240 $B/bin/walsh tune --target cuda --heads 32 --head-dim 128 --batch 8 --seq 1024 --dtype bf16,f16 --db /tmp/db.json 2>&1 | tail -12
date -u +%H:%M:%S
echo "== fuzz.py capi (CUDA and CPU children)"
timeout 90 python3 scripts/fuzz.py capi --seconds 60 --seed 144 --build $B 2>&1 | tail -4
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run518.txt
