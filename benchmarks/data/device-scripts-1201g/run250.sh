#!/usr/bin/env bash
# Device run 250 (2026-12-01): the binding's torch test with
# OutputProjection captured in a CUDA graph and replayed on new rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
python3 /tmp/walsh-bundle/tests/python/test_walsh.py torch 2>&1 | tail -8; echo "rc=$?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run250.txt
