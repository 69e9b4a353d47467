#!/usr/bin/env bash
# Device run 519 (2026-12-07, session 76; session 75's run519 never ran,
# device-scripts-1207/run519.sh): the command-line refusals of sessions 75
# and 76 with a real driver (default rows at a huge --row-stride named by
# the stride, counts given as 0, --tune-mode beside a configuration, LLVM's
# own options), walsh tune's grid points of one bucket timed once, walsh
# bench against cuBLAS at the three sizes (no kernel changed: a
# reference, one run), and fuzz.py cli and python on a GPU host.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv,noheader
echo "== walsh run: refusals with a real driver"
for a in "--d 256 --row-stride 1099511627776" "--d 256 --batch 0 --seq 0" "--d 0" \
         "--d 256 --rows 4 --threads-per-row 32 --tune-mode heuristic" \
         "--d 256 --rows 4 --threads 2" "--d 256 --rows 4 --print-after-all"; do
  echo "-- $a"; WALSH_CACHE_DIR=none timeout 60 $B/bin/walsh run --target cuda $a > /tmp/r.txt 2>&1; echo "status $?"; tail -1 /tmp/r.txt
done
echo "-- walsh-gpu --threads 2"; timeout 60 $B/bin/walsh-gpu --threads 2 /tmp > /tmp/r.txt 2>&1; echo "status $?"; tail -1 /tmp/r.txt
echo "== walsh run --check bf16 4096 (the kernels still run)"
WALSH_CACHE_DIR=none timeout 120 $B/bin/walsh run --target cuda --d 4096 --dtype bf16 --rows 16384 --check 2>&1 | tail -3
echo "== walsh tune: batch 3 and 4 share a bucket; a value given twice refused"
WALSH_CACHE_DIR=/tmp/wc timeout 120 $B/bin/walsh tune --target cuda --heads 32 --head-dim 128 --batch 3,4 --seq 1024 --db /tmp/db2.json 2>&1 | tail -4
WALSH_CACHE_DIR=/tmp/wc timeout 60 $B/bin/walsh tune --target cuda --heads 32 --head-dim 128 --batch 4,4 --seq 1024 --db /tmp/db2.json 2>&1 | tail -1; echo "status $?"
echo "== walsh bench vs cuBLAS"
WALSH_CACHE_DIR=/tmp/wc timeout 150 $B/bin/walsh bench --target cuda --sizes 768,4096,16384 --rows 16384 --dtypes bf16 --decode-rows none 2>&1 | tail -6
date -u +%H:%M:%S
echo "== fuzz.py cli"
timeout 120 python3 scripts/fuzz.py cli --seconds 90 --seed 152 --build $B 2>&1 | tail -3
date -u +%H:%M:%S
echo "== fuzz.py python"
timeout 120 python3 scripts/fuzz.py python --seconds 90 --seed 153 --build $B 2>&1 | tail -4
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run519.txt
