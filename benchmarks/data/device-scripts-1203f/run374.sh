#!/usr/bin/env bash
# Device run 374 (2026-12-03), the build with four groups as the decode
# default from m = 36 (2^k <= 32): walsh-gpu checks the 36 kernels of
# run374-jobs.txt (the new defaults of 576, 704, 1152, 1408, their H^T and
# no-affine forms; .device/conf.tar.xz) on 257 rows, then walsh bench at
# those sizes under graph replay.
set -u
cd /tmp && rm -rf walsh-bundle conf374 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 100 $B/walsh-gpu /tmp/conf374 --check-rows 257 --no-time > $OUT/h200-conformance-sub-run374.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-sub-run374.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-sub-run374.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-sub-run374.txt | head
timeout 150 $B/walsh bench --target cuda --sizes 576,704,1152,1408 --rows 16384 --decode-rows 1,16,64 --no-dense 2>&1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run374.txt
