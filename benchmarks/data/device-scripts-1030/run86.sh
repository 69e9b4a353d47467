#!/usr/bin/env bash
# Device run 86 (2026-11-30): the 16-bit d = 6144 default in bulk now the
# split layout with shuffles (32 values a thread, 192 threads, found by
# walsh tune in run84): walsh bench at 16384 and 65536 rows (every kernel
# checked on 257 rows first), with cuBLAS, and walsh run --check on a
# transposed f16 kernel with an f32 output.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
timeout 150 $B/walsh bench --target cuda --sizes 6144 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
$B/walsh run --target cuda --d 6144 --dtype f16 --out-dtype f32 --transpose --rows 65536 --check
} 2>&1 | tee $OUT/run86.txt
echo "done $(date -u)"
