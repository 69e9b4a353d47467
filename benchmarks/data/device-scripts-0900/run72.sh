#!/usr/bin/env bash
# Device run 72 (2026-11-30): RotatingRows::random (one helper for the
# timing's random rows) through every timing tool: walsh bench, walsh run
# with an epilogue and an output cast and with a bhsd input, walsh-gpu,
# walsh tune.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
timeout 120 $B/walsh bench --target cuda --sizes 512,4096 --dtypes bf16 --rows 16384 --decode-rows 16 --no-dense
$B/walsh run --target cuda --d 4096 --dtype bf16 --rows 16384 --epilogue residual,rmsnorm --out-dtype f32 --check
$B/walsh run --target cuda --heads 32 --head-dim 128 --layout bhsd --dtype bf16 --batch 4 --seq 4096 --check
rm -rf /tmp/k && tar xJf .device/k72.tar.xz -C /tmp && $B/walsh-gpu /tmp/k --check-rows 257 --rows 16384
timeout 100 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype bf16 --batch 4 --seq 4096 --heads 8 --head-dim 64
} 2>&1 | tee $OUT/run72.txt
echo "done $(date -u)"
