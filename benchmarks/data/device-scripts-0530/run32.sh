#!/usr/bin/env bash
# Device run 32 (2026-11-30): the split defaults against the old at 65536 and 16384 rows, and variants (two passes); walsh bench over the split sizes (cuBLAS side by side).
set -u
cd /tmp && rm -rf walsh-bundle v32 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v32.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for pass in 1 2; do for v in old/r65 new/r65 old/r16 new/r16 var; do
  r=65536; case $v in *16) r=16384;; esac
  timeout 100 $B/walsh-gpu /tmp/v32/$v --rows $r --check-rows 257 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done > $OUT/sweep.txt
grep -c PASS $OUT/sweep.txt; grep -v PASS $OUT/sweep.txt | head
date -u
WALSH_CACHE_DIR=/tmp/wc timeout 300 $B/walsh bench --target cuda --sizes 12288,20480,24576 --rows 16384 --decode-rows none > $OUT/bench.txt 2>&1; echo "bench rc=$?"
tail -30 $OUT/bench.txt
echo "done $(date -u)"
