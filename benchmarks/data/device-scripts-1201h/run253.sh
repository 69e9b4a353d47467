#!/usr/bin/env bash
# Device run 253 (2026-12-01): the binding's backward computing only the
# gradients autograd asks for (test_walsh.py torch, with the new checks of
# x alone and a, b alone wanting gradients); walsh run --target cuda asking
# for its device once (--check, with and without --device 0, --json).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
python3 /tmp/walsh-bundle/tests/python/test_walsh.py torch 2>&1 | tail -40; echo "rc=$?"
$B/walsh run --target cuda --d 4096 --dtype bf16 --rows 16384 --check 2>&1; echo "rc=$?"
$B/walsh run --target cuda --d 768 --dtype f32 --rows 16 --check --device 0 --json 2>&1 | head -40; echo "rc=$?"
$B/walsh run --target cuda --d 768 --rows 16 --device 1 2>&1; echo "rc=$?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run253.txt
