#!/usr/bin/env bash
# Device run 390 (2026-12-03), the build in which 'row_iters' of a
# cross_warp = mma config is the grids ahead of an L2 prefetch of the rows
# (2 in the defaults where runs 387-389 measured it faster: GpuCompiler.cpp
# mmaRowsAhead): 1) the whole GPU conformance set (tests/gpu/gpu-conformance.sh
# build/bin --compile-only on the VM, .ptx left out, 13 new jobs of
# 'row_iters' 2 to 4) checked by walsh-gpu on 257 rows; 2) walsh bench
# through the JIT at the sizes of H_m on tensor cores the defaults moved;
# 3) walsh tune at bf16 416 (13 heads of 32) and fp32 1664 (13 of 128),
# where each default is timed beside its twin with the other 'row_iters'.
set -u
cd /tmp && rm -rf walsh-bundle conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 300 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run390.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-run390.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run390.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-run390.txt | head
date -u +%H:%M:%S
timeout 120 $B/walsh bench --target cuda --sizes 288,320,352,416,480,1664 --dtypes bf16,f16,f32 --rows 65536,16384 --decode-rows none --no-dense 2>&1
date -u +%H:%M:%S
timeout 40 $B/walsh tune --target cuda --dtype bf16 --heads 13 --head-dim 32 --batch 1 --seq 16384 --db /tmp/tune390.json 2>&1 | tail -4
timeout 40 $B/walsh tune --target cuda --dtype f32 --heads 13 --head-dim 128 --batch 1 --seq 65536 --db /tmp/tune390.json 2>&1 | tail -4
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-rows-ahead-run390.txt
