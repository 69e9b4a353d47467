#!/usr/bin/env bash
# Device run 492 (2026-12-05, session 63): the whole GPU conformance test on
# 6c80033's bundle, with its check that one kernel name holds one PTX (new
# in 13edacb, never run on a GPU).
set -u
cd /tmp && { [ -d walsh-bundle ] || tar xJf "$OLDPWD/.device/bundle.tar.xz"; } && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
date -u +%H:%M:%S | tee $OUT/run492.txt
timeout ${CONF_S:-540} $B/tests/gpu-conformance.sh $B/bin > $OUT/conformance-run492.txt 2>&1
echo "conformance rc=$?" | tee -a $OUT/run492.txt
echo "PASS lines: $(grep -c ' PASS ' $OUT/conformance-run492.txt)  FAIL lines: $(grep -c ' FAIL ' $OUT/conformance-run492.txt)" | tee -a $OUT/run492.txt
grep -v " PASS " $OUT/conformance-run492.txt | tail -12 | tee -a $OUT/run492.txt
date -u +%H:%M:%S | tee -a $OUT/run492.txt
