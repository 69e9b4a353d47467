#!/usr/bin/env bash
# Device run 499 (2026-12-05, session 66): the whole GPU conformance test on
# run498's bundle (the same machine, the bundle unpacked by run498 or here).
set -u
cd /tmp && { [ -d walsh-bundle ] || tar xJf "$OLDPWD/.device/bundle.tar.xz"; } && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
timeout ${CONF_S:-560} $B/tests/gpu-conformance.sh $B/bin > $OUT/conformance-run499.txt 2>&1
echo "conformance rc=$?"
echo "PASS lines: $(grep -c ' PASS ' $OUT/conformance-run499.txt)  FAIL lines: $(grep -c ' FAIL ' $OUT/conformance-run499.txt)"
grep -v " PASS " $OUT/conformance-run499.txt | tail -8
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run499.txt
