#!/usr/bin/env bash
# Device run 31 (2026-11-30): m > 1 sizes with 2^k >= 1024, old defaults against the split default, two passes; V2 = 2 against 4; then GPU conformance (kernels compiled on the build machine by `gpu-conformance.sh --compile-only`).
set -u
cd /tmp && rm -rf walsh-bundle v31 conf && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v31.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for pass in 1 2; do for v in old/r65 new/r65 old/r16 new/r16 v2_2 v2_4; do
  r=65536; case $v in *16) r=16384;; esac
  timeout 100 $B/walsh-gpu /tmp/v31/$v --rows $r --check-rows 257 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done > $OUT/sweep.txt
grep -c PASS $OUT/sweep.txt; grep -v PASS $OUT/sweep.txt | head
date -u
timeout 400 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/conformance.txt 2>&1; echo "conformance rc=$?"
grep -c PASS $OUT/conformance.txt; grep -c FAIL $OUT/conformance.txt; grep -E "FAIL|rror" $OUT/conformance.txt | head -5
echo "done $(date -u)"
