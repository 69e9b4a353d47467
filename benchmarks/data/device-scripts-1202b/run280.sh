#!/usr/bin/env bash
# Device run 280 (2026-12-02, the build of the 16-byte loads): the GPU
# conformance jobs of the split layout on tensor cores (the defaults at
# 16-bit 12288 and 6144 with and without a and b, and the explicit jobs
# tests/gpu/gpu-conformance.sh gained: .device/cj.tar.xz), every element
# of 257 rows checked, packed and strided; walsh tune over 16-bit 6144,
# 10240 and 12288 at 65536 rows (its new candidate beside the rest).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/cj && tar xJf .device/cj.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
$B/walsh-gpu /tmp/cj --check-rows 257 --no-time 2>&1 | tail -20
date -u +%H:%M:%S
for dt in bf16 f16; do
  timeout 100 $B/walsh tune --target cuda --db /tmp/tune280.json --force --dtype $dt --batch 16 --seq 4096 --heads 48,80,96 --head-dim 128 2>&1 | tail -6
done
date -u +%H:%M:%S
cp /tmp/tune280.json $OUT/ 2>/dev/null
} 2>&1 | tee $OUT/run280.txt
