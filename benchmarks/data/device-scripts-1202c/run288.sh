#!/usr/bin/env bash
# Device run 288 (2026-12-02): the build of 49795d8 (the split layout on
# tensor cores with a and b in shared memory and g dense indices a warp,
# the new defaults): the whole GPU conformance test (its eight new jobs
# for g = 4 at 5120, 7168, 9216, 13312 included).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
echo "== GPU conformance"
/tmp/walsh-bundle/tests/gpu-conformance.sh $B > $OUT/run288-conformance.txt 2>&1; echo "conformance rc=$?"
tail -5 $OUT/run288-conformance.txt
grep -c PASS $OUT/run288-conformance.txt
grep -E "FAIL|rror" $OUT/run288-conformance.txt | head -20
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run288.txt
