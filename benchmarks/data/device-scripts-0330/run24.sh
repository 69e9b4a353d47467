#!/usr/bin/env bash
# Device run 24 (2026-11-30): issue 7's split-KV decode benchmark after the reciprocal change; walsh bench --cache over dense sizes (issue 5); d = 768 at 16384 rows three times.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
date -u
timeout 200 $B/walsh bench --target cuda --sizes 4096 --dtypes bf16,f16 --splits 4 --head-dim 128 --epilogue residual,rmsnorm --rows 16384 --decode-rows 1,16,64 > $OUT/kv-norm.txt 2>&1; echo "rc=$?"; cat $OUT/kv-norm.txt
timeout 150 $B/walsh bench --target cuda --sizes 4096 --dtypes bf16,f16 --splits 4 --head-dim 128 --rows 16384 --decode-rows 1,16,64 > $OUT/kv.txt 2>&1; echo "rc=$?"; cat $OUT/kv.txt
rm -rf /tmp/wc2; WALSH_CACHE_DIR=/tmp/wc2 timeout 150 $B/walsh bench --cache --target cuda --sizes 768,5120,15360 --dtypes bf16,f32 > $OUT/cache.txt 2>&1; echo "rc=$?"; cat $OUT/cache.txt
for i in 1 2 3; do timeout 60 $B/walsh bench --target cuda --sizes 768,1536 --dtypes bf16,f16 --rows 16384 --decode-rows none --no-dense 2>&1 | grep -E "^(bf16|f16)"; done | tee $OUT/d768.txt
echo "done $(date -u)"
