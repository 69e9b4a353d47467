#!/usr/bin/env bash
# Device run 406 (2026-12-04): the session's final sweep of issue 4's range
# past 8192 at 16384 rows, through the JIT of the final build (every
# supported d from 8193 to 32768, bf16, f16 and fp32; each kernel checked
# on 257 rows first; cuBLAS's bf16 product beside).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
timeout 420 $B/walsh bench --target cuda --sizes 8193-32768 --dtypes bf16,f16,f32 --rows 16384 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-bench-past-8192-run406.txt
