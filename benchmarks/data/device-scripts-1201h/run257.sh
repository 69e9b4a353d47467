#!/usr/bin/env bash
# Device run 257 (2026-12-01): the build of 2e518a9 (16-bit d = 16384 with
# 5 of 8 vectors of a and b early): the whole GPU conformance test.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
echo "== GPU conformance"
/tmp/walsh-bundle/tests/gpu-conformance.sh $B > $OUT/run257-conformance.txt 2>&1; echo "conformance rc=$?"
tail -5 $OUT/run257-conformance.txt
grep -E "d16384" $OUT/run257-conformance.txt | head -20
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run257.txt
