#!/usr/bin/env bash
# Device run 504 (2026-12-06, session 69): the whole GPU conformance test on
# run503's bundle (the same machine, the bundle unpacked by run503 or here).
set -u
cd /tmp && { [ -d walsh-bundle ] || tar xJf "$OLDPWD/.device/bundle.tar.xz"; } && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
timeout ${CONF_S:-560} $B/tests/gpu-conformance.sh $B/bin > $OUT/conformance-run504.txt 2>&1
echo "conformance rc=$?"
echo "PASS lines: $(grep -c ' PASS ' $OUT/conformance-run504.txt)  FAIL lines: $(grep -c ' FAIL ' $OUT/conformance-run504.txt)"
grep -v " PASS " $OUT/conformance-run504.txt | tail -8
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run504.txt
