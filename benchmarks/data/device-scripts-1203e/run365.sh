#!/usr/bin/env bash
# Device run 365 (2026-12-03), the build of d9fe498 (f16 rows' stage 2 of
# H_m on tensor cores as one f16 piece; f16 on bf16's layouts at 5632 and
# 7680): the whole GPU conformance set (tests/gpu/gpu-conformance.sh
# build/bin --compile-only on the VM, 1371 jobs) plus the forms of
# run365-jobs.txt (one walsh compile --target cuda a line, into the same
# directory), .ptx left out, as .device/conf.tar.xz, checked by walsh-gpu
# on 257 rows; then walsh bench for f16 at every size whose stage 2 or
# layout changed.
set -u
cd /tmp && rm -rf walsh-bundle conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 400 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run365.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-run365.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run365.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-run365.txt | head
date -u +%H:%M:%S
timeout 300 $B/walsh bench --target cuda --sizes 96,160,192,224,288,320,352,384,416,448,480,640,768,896,2816,3328,3584,3840,4608,5120,5632,6656,7680 --dtypes f16 --rows 65536,16384 --decode-rows none 2>&1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run365.txt
