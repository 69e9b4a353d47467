#!/usr/bin/env bash
# NOT RUN: no device machine was lent between 19:00 and 19:45 UTC, then too
# little device time was left to start one.
# Device run 512 (2026-12-06, session 72): 0bd961c's bundle: the C API
# test (an odd tune mode without a shape, a split-KV input's broadcast rows), and fuzz.py capi launching
# fused and prologue kernels too, children alternating the CUDA and CPU
# targets, every tensor checked against the same values' packed launch.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
echo "== capi test"
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
echo "== fuzz.py capi (CUDA and CPU children)"
timeout 230 python3 scripts/fuzz.py capi --seconds 200 --seed 109 --build $B 2>&1 | tail -12
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run512.txt
