#!/usr/bin/env bash
# Device run 35 (2026-11-30): run 33's new kernels under the launcher's final rule (no knob), two passes.
set -u
cd /tmp && rm -rf walsh-bundle v33 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v33.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
for pass in 1 2; do for v in new/r16 new/r65; do
  r=65536; case $v in *16) r=16384;; esac
  timeout 100 $B/walsh-gpu /tmp/v33/$v --rows $r --check-rows 257 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done > $OUT/sweep.txt
grep -c PASS $OUT/sweep.txt; grep -v PASS $OUT/sweep.txt | head
echo "done $(date -u)"
