#!/usr/bin/env bash
# Device run 511 (2026-12-06, session 72): the whole GPU conformance test
# on run510's bundle, on the same machine (run510's stopped at its 300 s
# limit with 1307 kernels passed, none failed).
set -u
cd /tmp && { [ -d walsh-bundle ] || tar xJf "$OLDPWD/.device/bundle.tar.xz"; } && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
timeout ${CONF_S:-560} $B/tests/gpu-conformance.sh $B/bin > $OUT/conformance-run511.txt 2>&1
echo "conformance rc=$?"
echo "PASS lines: $(grep -c ' PASS ' $OUT/conformance-run511.txt)  FAIL lines: $(grep -c ' FAIL ' $OUT/conformance-run511.txt)"
grep -v " PASS " $OUT/conformance-run511.txt | tail -4
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run511.txt
