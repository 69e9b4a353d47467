#!/usr/bin/env bash
# Device run 272 (2026-12-01, the build of the walsh tune --sustain commit):
# walsh tune over bf16 8192 at 65536 rows, first as it times (30
# ms a candidate), then with --sustain 0.2 (each candidate after 0.2 s of
# its launches, over 0.25 s more): does the sustained choice differ?
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
timeout 40 $B/walsh tune --target cuda --db /tmp/t272a.json --force --dtype bf16 --batch 16 --seq 4096 --heads 64 --head-dim 128 2>&1 | tail -3
date -u +%H:%M:%S
timeout 110 $B/walsh tune --target cuda --db /tmp/t272b.json --force --dtype bf16 --batch 16 --seq 4096 --heads 64 --head-dim 128 --sustain 0.2 2>&1 | tail -3
date -u +%H:%M:%S
cp /tmp/t272a.json /tmp/t272b.json $OUT/ 2>/dev/null
} 2>&1 | tee $OUT/run272.txt
