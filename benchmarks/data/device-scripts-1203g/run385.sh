#!/usr/bin/env bash
# Device run 385 (2026-12-03), the build with 2^k = 256 decode defaults past 8192 (m >= 36) on
# two groups as a cluster of two (9216, 11264, 13312, 15360; three and five blocks at m = 36 and 60 at 1 ... 16 rows): walsh-gpu
# checks the kernels of run385-jobs.txt (.device/conf.tar.xz) on 257 rows;
# walsh bench at those sizes, decode rows 1, 16, 64.
set -u
cd /tmp && rm -rf walsh-bundle conf385 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 90 $B/walsh-gpu /tmp/conf385 --check-rows 257 --no-time > $OUT/h200-grouped-256-conformance-run385.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-grouped-256-conformance-run385.txt) FAIL $(grep -c FAIL $OUT/h200-grouped-256-conformance-run385.txt)"
grep "FAIL\|rror" $OUT/h200-grouped-256-conformance-run385.txt | head
timeout 120 $B/walsh bench --target cuda --sizes 9216,11264,13312,15360 --rows 1024 --decode-rows 1,16,64 --no-dense 2>&1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run385.txt
