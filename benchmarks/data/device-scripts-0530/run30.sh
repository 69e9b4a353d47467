#!/usr/bin/env bash
# Device run 30 (2026-11-30): the split layout: correctness (v30/chk), then timing against the defaults at 65536 rows (v30/t65), two passes.
set -u
cd /tmp && rm -rf walsh-bundle v30 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v30.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for v in chk chk/v2_1 chk/v2_2; do
  timeout 120 $B/walsh-gpu /tmp/v30/$v --check-rows 257 --no-time 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v v=$v '{print v, $0}'
done > $OUT/chk.txt
echo "chk PASS $(grep -c PASS $OUT/chk.txt) lines $(wc -l < $OUT/chk.txt)"; grep -v PASS $OUT/chk.txt | head -20
date -u
for pass in 1 2; do for v in t65 t65/v2_1 t65/v2_2; do
  timeout 150 $B/walsh-gpu /tmp/v30/$v --rows 65536 --check-rows 257 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done > $OUT/sweep.txt
grep -c PASS $OUT/sweep.txt; grep -v PASS $OUT/sweep.txt | head
echo "done $(date -u)"
