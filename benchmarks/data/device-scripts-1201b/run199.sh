#!/usr/bin/env bash
# Device run 199 (2026-12-01): the final build's decode sweep, every power
# of two 256 ... 32768 and 1536 ... 3584, three dtypes, 1 and 16 rows
# under graph replay (and 16384 rows), cuBLAS off.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 500 $B/walsh bench --target cuda --sizes 256,512,1024,1536,2048,2560,3072,3584,4096,8192,16384,32768 --dtypes bf16,f16,f32 --rows 16384 --decode-rows 1,16 --no-dense
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run199.txt
