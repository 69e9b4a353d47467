#!/usr/bin/env bash
# Device run 288 (2026-12-02): the eight GPU conformance jobs added for
# the split layout on tensor cores with four dense indices a warp (5120,
# 7168 transposed to fp32, 9216 transposed, 13312 to fp32; f16 and bf16),
# compiled on the VM with the build of runs 287 (the same compiler),
# checked by walsh-gpu (257 rows, packed and strided, float64) and timed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/sg5 && tar xJf .device/sg5.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
$B/walsh-gpu /tmp/sg5/cj --check-rows 257 --rows 65536 2>&1 | grep "outproj\|FAIL\|rror"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run288.txt
