#!/usr/bin/env bash
# Device run 513 (2026-12-06, session 73): the bundle of 85f8c4d (run512, which
# never ran, folded in): the C API test (an odd tune mode without a shape,
# a split-KV input's broadcast rows, one row's free stride) with the real
# driver; fuzz.py capi launching fused and prologue kernels, children
# alternating the CUDA and CPU targets, every tensor checked against the
# same values' packed launch, through all three launch entry points and
# on the default, a blocking and a non-blocking stream (fuzz.py as of
# this commit); `walsh bench --cache` (the launch with
# 524518c's overlap checks against cuLaunchKernel alone).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
echo "== capi test"
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
echo "== walsh bench --cache --target cuda"
timeout 120 $B/bin/walsh bench --cache --target cuda 2>&1 | tail -30
date -u +%H:%M:%S
echo "== fuzz.py capi (CUDA and CPU children)"
timeout 260 python3 scripts/fuzz.py capi --seconds 230 --seed 113 --build $B 2>&1 | tail -12
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run513.txt
