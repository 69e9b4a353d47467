#!/usr/bin/env bash
# Device run 495 (2026-12-05, session 63, on the H200): the whole GPU conformance test on
# cf55355's bundle, with its check that one kernel name holds one PTX (new
# in 13edacb, never run on a GPU).
set -u
cd /tmp && { [ -d walsh-bundle ] || tar xJf "$OLDPWD/.device/bundle.tar.xz"; } && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
date -u +%H:%M:%S | tee $OUT/run495.txt
timeout ${CONF_S:-540} $B/tests/gpu-conformance.sh $B/bin > $OUT/conformance-run495.txt 2>&1
echo "conformance rc=$?" | tee -a $OUT/run495.txt
echo "PASS lines: $(grep -c ' PASS ' $OUT/conformance-run495.txt)  FAIL lines: $(grep -c ' FAIL ' $OUT/conformance-run495.txt)" | tee -a $OUT/run495.txt
grep -v " PASS " $OUT/conformance-run495.txt | tail -12 | tee -a $OUT/run495.txt
date -u +%H:%M:%S | tee -a $OUT/run495.txt
