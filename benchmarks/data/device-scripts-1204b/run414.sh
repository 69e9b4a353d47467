#!/usr/bin/env bash
# Device run 414 (2026-12-04), the final build's bundle (2de5a17): `walsh
# bench` through the JIT over every fp32 d from 8193 to 32768 at 16384
# rows (each kernel checked on 257 rows first), beside cuBLAS's bf16
# product and the device-to-device copy: the state of fp32 past 8192 after
# 30720 and 26624 moved to the split layout on tensor cores.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 240 $B/walsh bench --target cuda --sizes 8193-32768 --dtypes f32 --rows 16384 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-bench-fp32-past-8192-run414.txt
