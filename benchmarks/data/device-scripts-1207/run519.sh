#!/usr/bin/env bash
# NOT RUN: no machine was lent at the calls from 02:53 to 03:35 UTC
# (2026-12-07); the failed starts left 404 s of device time, less than a
# fresh machine and this script take.
# Device run 519 (2026-12-07, session 75): this session's command-line
# fixes with a real driver (default rows at a huge --row-stride named by the
# stride; walsh tune's grid points of one bucket timed once), fuzz.py cli
# and python on a GPU host, and walsh bench against cuBLAS at the issue's
# three sizes (no kernel changed: a reference, one run).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv,noheader
echo "== walsh run: default rows at a huge stride, zero counts"
for a in "--row-stride 1099511627776" "--batch 0 --seq 0" "--d 0"; do
  echo "-- $a"; WALSH_CACHE_DIR=none timeout 60 $B/bin/walsh run --target cuda --d 256 $a > /tmp/r.txt 2>&1; echo "status $?"; tail -1 /tmp/r.txt
done
echo "== walsh tune: batch 3 and 4 share a bucket"
WALSH_CACHE_DIR=/tmp/wc timeout 120 $B/bin/walsh tune --target cuda --heads 32 --head-dim 128 --batch 3,4 --seq 1024 --db /tmp/db2.json 2>&1 | tail -4
echo "== walsh bench vs cuBLAS"
WALSH_CACHE_DIR=/tmp/wc timeout 150 $B/bin/walsh bench --target cuda --sizes 768,4096,16384 --rows 16384 --dtypes bf16 --decode-rows none 2>&1 | tail -6
date -u +%H:%M:%S
echo "== fuzz.py cli"
timeout 120 python3 scripts/fuzz.py cli --seconds 90 --seed 146 --build $B 2>&1 | tail -3
date -u +%H:%M:%S
echo "== fuzz.py python"
timeout 120 python3 scripts/fuzz.py python --seconds 90 --seed 147 --build $B 2>&1 | tail -4
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run519.txt
