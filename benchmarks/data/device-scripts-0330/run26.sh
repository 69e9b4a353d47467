#!/usr/bin/env bash
# Device run 26 (2026-11-30): the norms' multiply-adds contracted (v26/new) against not (v26/old), two passes; then GPU conformance with the final build.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for pass in 1 2; do for v in new/r16 old/r16; do
  timeout 90 $B/walsh-gpu .device/v26/$v --rows 16384 --check-rows 257 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done > $OUT/sweep.txt
grep -c PASS $OUT/sweep.txt; grep -v PASS $OUT/sweep.txt | head
date -u
timeout 480 bash tests/gpu/gpu-conformance.sh $B > $OUT/conformance.txt 2>&1; echo "conformance rc=$?"
grep -c PASS $OUT/conformance.txt; grep -c FAIL $OUT/conformance.txt; grep FAIL $OUT/conformance.txt | head -5
echo "done $(date -u)"
