#!/usr/bin/env bash
# Device run 383 (2026-12-03), the build with 2^k = 256 decode defaults on
# two groups as a cluster of two (7168 every dtype, fp32 5120): walsh-gpu
# checks the kernels of run383-jobs.txt (.device/conf.tar.xz) on 257 rows;
# walsh bench at those sizes, decode rows 1, 16, 64.
set -u
cd /tmp && rm -rf walsh-bundle conf383 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 60 $B/walsh-gpu /tmp/conf383 --check-rows 257 --no-time > $OUT/h200-grouped-256-conformance-run383.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-grouped-256-conformance-run383.txt) FAIL $(grep -c FAIL $OUT/h200-grouped-256-conformance-run383.txt)"
grep "FAIL\|rror" $OUT/h200-grouped-256-conformance-run383.txt | head
timeout 120 $B/walsh bench --target cuda --sizes 5120,7168 --rows 1024 --decode-rows 1,16,64 --no-dense 2>&1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run383.txt
