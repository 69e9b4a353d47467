#!/usr/bin/env bash
# Device run 213 (2026-12-01): walsh bench of the final build (the L2
# prefetch) over the sizes it moved, with cuBLAS bf16 beside them.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
WALSH_CACHE_DIR=/tmp/wc timeout 400 $B/walsh bench --target cuda --sizes 3328,5120,7168,8192,16384,32768 --dtypes bf16,f32 --rows 65536,16384 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run213.txt
