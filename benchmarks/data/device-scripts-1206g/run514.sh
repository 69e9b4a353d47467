#!/usr/bin/env bash
# Device run 514 (2026-12-06, session 73), on run513's machine and bundle
# (85f8c4d): `walsh bench --cache` (run513 gave it --target, which it
# refuses: the launch with 524518c's overlap checks against cuLaunchKernel
# alone), the Python torch test (refusals naming out and normed), and
# fuzz.py capi once more on another seed.
set -u
B=/tmp/walsh-bundle
[ -d $B ] || { cd /tmp && tar xJf "$OLDPWD/.device/bundle.tar.xz"; cd "$OLDPWD"; }
. $B/env.sh
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
echo "== walsh bench --cache"
timeout 150 $B/bin/walsh bench --cache 2>&1 | tail -40
date -u +%H:%M:%S
echo "== python torch"
WALSH_LIBRARY=$B/lib/libwalsh.so WALSH_CACHE_DIR=none timeout 240 python3 tests/python/test_walsh.py torch 2>&1 | grep -E "^FAIL|passed|failed" | tail -5
date -u +%H:%M:%S
echo "== fuzz.py capi (CUDA and CPU children)"
timeout 150 python3 scripts/fuzz.py capi --seconds 120 --seed 119 --build $B 2>&1 | tail -6
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run514.txt
