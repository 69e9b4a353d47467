#!/usr/bin/env bash
# Device run 376 (2026-12-03), the build with the grouped layout's rule
# widened by run375 (2^k = 8 from m = 20; four groups from m = 20 at 2^k =
# 16 and 32): walsh-gpu checks the 48 kernels of run376-jobs.txt (the new
# defaults, some H^T and no-affine forms; .device/conf.tar.xz) on 257 rows,
# then walsh bench under graph replay at those sizes.
set -u
cd /tmp && rm -rf walsh-bundle conf376 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 60 $B/walsh-gpu /tmp/conf376 --check-rows 257 --no-time > $OUT/h200-conformance-sub-run376.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-sub-run376.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-sub-run376.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-sub-run376.txt | head
timeout 100 $B/walsh bench --target cuda --sizes 160,224,288,352,416,480,320,448,640,896 --dtypes bf16,f32 --rows 16384 --decode-rows 1,16 --no-dense 2>&1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run376.txt
