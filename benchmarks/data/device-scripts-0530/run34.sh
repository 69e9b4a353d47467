#!/usr/bin/env bash
# Device run 34 (2026-11-30): the launcher's final rule (cap the grid when the last wave would idle > 5%) with run 33's kernels (new) against the old kernels uncapped, two passes; walsh bench at 16384 rows with cuBLAS.
set -u
cd /tmp && rm -rf walsh-bundle v33 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v33.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for pass in 1 2; do for v in old/r16 new/r16 old/r65 new/r65; do
  r=65536; case $v in *16) r=16384;; esac
  cap=""; case $v in old*) cap=1;; esac
  WALSH_NO_GRID_CAP=$cap timeout 100 $B/walsh-gpu /tmp/v33/$v --rows $r --check-rows 257 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done > $OUT/sweep.txt
grep -c PASS $OUT/sweep.txt; grep -v PASS $OUT/sweep.txt | head
date -u
WALSH_CACHE_DIR=/tmp/wc timeout 200 $B/walsh bench --target cuda --sizes 768,1024,2048,4096,8192,16384 --dtypes bf16 --rows 16384 --decode-rows none > $OUT/bench.txt 2>&1; echo "bench rc=$?"
tail -12 $OUT/bench.txt
echo "done $(date -u)"
