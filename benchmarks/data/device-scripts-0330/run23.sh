#!/usr/bin/env bash
# Device run 23 (2026-11-30): the m > 1 defaults per dtype (v23) against v22 (56 values in every dtype) and v20 (sign program, old defaults; o: dense product, old defaults), two passes; walsh bench over the m * 2^k sizes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for pass in 1 2; do for v in v23/n65 v22/n65 v20/n65 v20/o65 v23/n16 v22/n16 v20/n16 v20/o16; do
  r=65536; case $v in *16) r=16384;; esac
  timeout 90 $B/walsh-gpu .device/$v --rows $r --check-rows 257 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done > $OUT/sweep.txt
grep -c PASS $OUT/sweep.txt; grep -v PASS $OUT/sweep.txt | head
date -u
WALSH_CACHE_DIR=/tmp/wc timeout 300 $B/walsh bench --target cuda --sizes 768,1536,3072,5120,6144,7168,12288 --rows 16384,65536 --decode-rows none > $OUT/bench.txt 2>&1; echo "bench rc=$?"
cat $OUT/bench.txt | tail -60
echo "done $(date -u)"
