#!/usr/bin/env bash
# Device run 251 (2026-12-01): host time a call of the binding's forms
# (op_timing.py), twice.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for i in 1 2; do python3 benchmarks/data/device-scripts-1201g/op_timing.py 2>&1 | tail -6; done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run251.txt
