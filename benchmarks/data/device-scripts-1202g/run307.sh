#!/usr/bin/env bash
# Device run 307 (2026-12-02): split-hm-prototype.cu (H_m on tensor cores
# in the split layout's m-point stage), walsh's defaults at the same sizes
# beside it (bf16 and f16 9216, 11264, 13312, 15360, 18432, built by
# build-ref.sh); ncu of the prototype's first 13312 variant and of walsh's.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
echo "== prototype"
timeout 240 ./.device/hmproto
date -u +%H:%M:%S
echo "== walsh defaults"
for rows in 65536 16384; do $B/walsh-gpu /tmp/sets/wref --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror"; done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run307.txt
