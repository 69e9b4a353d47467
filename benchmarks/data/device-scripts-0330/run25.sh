#!/usr/bin/env bash
# Device run 25 (2026-11-30): threadLevel's multiply-add with `contract` (v25/new: fma.rn) against mul.rn + add.rn (v25/old), two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for pass in 1 2; do for v in new/r65 old/r65 new/r16 old/r16; do
  r=65536; case $v in *16) r=16384;; esac
  timeout 90 $B/walsh-gpu .device/v25/$v --rows $r --check-rows 257 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done > $OUT/sweep.txt
grep -c PASS $OUT/sweep.txt; grep -v PASS $OUT/sweep.txt | head
echo "done $(date -u)"
