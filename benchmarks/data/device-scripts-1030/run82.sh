#!/usr/bin/env bash
# Device run 82 (2026-11-30): the final compiler (commit ed94253): every
# tensor-core kernel of tests/gpu/gpu-conformance.sh (78) checked on 257
# rows; walsh bench at the sizes whose default changed last (3584 with
# cp.async, 7168 back to shuffles, 5120); walsh tune on bf16 24 x 128
# heads (d = 3072), whose candidates now include the tiles.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k82.tar.xz -C /tmp/k
timeout 200 $B/walsh-gpu /tmp/k --check-rows 257 --no-time > $OUT/conformance82.txt 2>&1; echo "walsh-gpu rc=$?"
grep -c PASS $OUT/conformance82.txt; grep -v PASS $OUT/conformance82.txt | head
timeout 150 $B/walsh bench --target cuda --sizes 3584,5120,7168 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
timeout 150 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype bf16 --batch 4 --seq 4096 --heads 24 --head-dim 128
} 2>&1 | tee $OUT/run82.txt
echo "done $(date -u)"
