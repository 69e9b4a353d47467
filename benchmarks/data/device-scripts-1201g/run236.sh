#!/usr/bin/env bash
# Device run 236 (2026-12-01): the H_m-then-butterflies prototype
# (hm-cols-prototype.cu, built on the VM with nvcc -arch=sm_90) at the
# 16-bit sizes walsh misses, every kernel checked against float64 first;
# then walsh's own defaults at the same sizes by walsh bench.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem --format=csv,noheader
timeout 300 .device/hmcols 2
date -u +%H:%M:%S
timeout 200 walsh bench --target cuda --sizes 7168,6656,7680,5632,6144,10240,12288,5120,3584 --dtypes bf16 --rows 65536,16384 --decode-rows none --no-dense 2>&1 | tail -24
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run236.txt
