#!/usr/bin/env bash
# Device run 287 (2026-12-02): the build with the split layout on tensor
# cores the default at m >= 36 too (9216, 11264, 13312, 18432; uncommitted
# then): build-sg4.sh's kernels, every form checked (257 rows, packed and
# strided, float64); walsh bench of those sizes (cuBLAS beside); walsh
# bench --sustain 1 of bf16 10240 and 12288.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/sg4 && tar xJf .device/sg4.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
echo "== every form, checked"
for v in $(cd /tmp/sg4 && ls -d sm/*); do
  $B/walsh-gpu /tmp/sg4/$v --check-rows 257 --no-time 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|$v |"
done
date -u +%H:%M:%S
echo "== walsh bench"
$B/walsh bench --target cuda --sizes 9216,11264,13312,18432 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1 | tail -22
date -u +%H:%M:%S
echo "== walsh bench --sustain 1"
$B/walsh bench --target cuda --sizes 10240,12288 --dtypes bf16 --rows 65536,16384 --decode-rows none --sustain 1 2>&1 | tail -10
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run287.txt
