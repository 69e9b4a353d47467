#!/usr/bin/env bash
# Device run 533 (2026-12-07, session 80): main's bundle (5f5819d, with the
# split layout's row loads without L1 lines, 7131018): walsh bench sweeps
# beside the copy and cuBLAS, as run527 (H100) and run475 (H200) ran them,
# plus fp32 at 16384 rows to 32768, so that issue 4's table can say what
# main does now. Run after run532 in the same call.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
walsh --version | head -2
echo "== walsh bench 16-bit, 16384 rows"
WALSH_CACHE_DIR=/tmp/wc533 timeout 280 walsh bench --target cuda --decode-rows none --sizes 256-32768 --dtypes bf16,f16 --rows 16384; echo "status $?"
date -u +%H:%M:%S
echo "== walsh bench every dtype, 65536 rows"
WALSH_CACHE_DIR=/tmp/wc533 timeout 250 walsh bench --target cuda --decode-rows none --sizes 256-8192 --dtypes bf16,f16,f32 --rows 65536; echo "status $?"
date -u +%H:%M:%S
echo "== walsh bench fp32 past 8192, 16384 rows"
WALSH_CACHE_DIR=/tmp/wc533 timeout 120 walsh bench --target cuda --decode-rows none --sizes 9216-32768 --dtypes f32 --rows 16384; echo "status $?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run533.txt
