#!/usr/bin/env bash
# Device run 22 (2026-11-30): new m > 1 defaults (v22/n*) against v20's program-with-old-defaults (v20/n*) and old-everything (v20/o*), two passes; then GPU conformance.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for pass in 1 2; do for v in v22/n65 v20/n65 v20/o65 v22/n16 v20/n16 v20/o16; do
  r=65536; case $v in *16) r=16384;; esac
  timeout 90 $B/walsh-gpu .device/$v --rows $r --check-rows 257 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done > $OUT/sweep.txt
grep -c PASS $OUT/sweep.txt; grep -v PASS $OUT/sweep.txt | head
date -u
timeout 420 bash tests/gpu/gpu-conformance.sh $B > $OUT/conformance.txt 2>&1; echo "conformance rc=$?"
tail -3 $OUT/conformance.txt; grep -c PASS $OUT/conformance.txt; grep -v PASS $OUT/conformance.txt | head -5
echo "done $(date -u)"
