#!/usr/bin/env bash
# Device run 351 (2026-12-03): the conformance kernels whose code the
# fills' 16-step unroll changed (24 of 1266: /tmp/diffset, their cubins
# differing from run347's set; tests/gpu/gpu-conformance.sh build/bin
# --compile-only, compared here), checked as the conformance test does.
set -u
cd /tmp && rm -rf walsh-bundle diffset && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
timeout 90 $B/walsh-gpu /tmp/diffset --check-rows 257 --no-time > $OUT/h200-conformance-sub-run351.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-sub-run351.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-sub-run351.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-sub-run351.txt | head
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run351.txt
