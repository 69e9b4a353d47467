#!/usr/bin/env bash
# Device run 241 (2026-12-01): the build with up to eight warps a row for
# H_m on tensor cores (3fd7eb0): the whole GPU conformance test (the new
# 6656, 7168, 7680 defaults among its kernels); walsh bench at the sizes
# it moves and their neighbours, with cuBLAS; walsh tune over them.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
echo "== walsh bench"
walsh bench --target cuda --sizes 5632,6144,6656,7168,7680,8192 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1 | tail -28
date -u +%H:%M:%S
echo "== walsh tune"
WALSH_CACHE_DIR=/tmp/wc timeout 200 walsh tune --target cuda --db /tmp/tune241.json --force --dtype bf16 --batch 16 --seq 4096 --heads 52,56,60 --head-dim 128 2>&1 | tail -12
date -u +%H:%M:%S
echo "== GPU conformance"
/tmp/walsh-bundle/tests/gpu-conformance.sh /tmp/walsh-bundle/bin > $OUT/run241-conformance.txt 2>&1; echo "conformance rc=$?"
tail -5 $OUT/run241-conformance.txt
grep -E "d6656|d7168|d7680" $OUT/run241-conformance.txt | head -20
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run241.txt
