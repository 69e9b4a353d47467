#!/usr/bin/env bash
# Device run 17 (2026-11-30): GPU conformance with the session's final
# defaults (d = 1024 through transposes, four groups at 4096, at least four
# groups), including the new d = 1024 jobs.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u; start=$(date +%s)
timeout 340 bash tests/gpu/gpu-conformance.sh $B > $OUT/conformance.txt 2>&1; echo "conformance rc=$? at $(( $(date +%s) - start )) s; PASS: $(grep -c PASS $OUT/conformance.txt)"
grep -v PASS $OUT/conformance.txt | grep -v "^device\|^kernel\|compiling" | head -20
grep PASS $OUT/conformance.txt | grep "d1024_.*16_e32t32r2" | head -4
