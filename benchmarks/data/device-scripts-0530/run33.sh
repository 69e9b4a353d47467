#!/usr/bin/env bash
# Device run 33 (2026-11-30): GPU conformance with the grid-stride row groups (the second check of each row-group kernel on a grid of 3 blocks); then row-group kernels on a grid capped at the resident blocks (new) against the same uncapped (new, WALSH_NO_GRID_CAP=1) and the kernels before the change (old, uncapped), two passes.
set -u
cd /tmp && rm -rf walsh-bundle v33 conf && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v33.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for pass in 1 2; do for v in old/r16 new/r16 newnocap/r16 old/r65 new/r65 newnocap/r65; do
  r=65536; case $v in *16) r=16384;; esac
  dir=${v/newnocap/new}; cap=""; case $v in old*|newnocap*) cap=1;; esac
  WALSH_NO_GRID_CAP=$cap timeout 100 $B/walsh-gpu /tmp/v33/$dir --rows $r --check-rows 257 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done > $OUT/sweep.txt
grep -c PASS $OUT/sweep.txt; grep -v PASS $OUT/sweep.txt | head
date -u
timeout 420 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/conformance.txt 2>&1; echo "conformance rc=$?"
grep -c PASS $OUT/conformance.txt; grep -c FAIL $OUT/conformance.txt; grep -E "FAIL|rror" $OUT/conformance.txt | head -5
echo "done $(date -u)"
