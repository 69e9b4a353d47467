#!/usr/bin/env bash
# Device run 211 (2026-12-01): blocks without row groups prefetch into L2
# the rows of the block about 4 MB of rows later (prefetchDistance).
# 1. walsh-gpu checks the 297 conformance kernels whose PTX it changed
#    (k94, gpu-conformance.sh --compile-only, cmp against the previous set).
# 2. Every bulk default it changed (e6: a = before, b = after; 65536- and
#    16384-row defaults), side by side, alternating, two passes.
set -u
cd /tmp && rm -rf walsh-bundle k94 e6 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/k94.tar.xz" && tar xJf "$OLDPWD/.device/e6.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
timeout 240 $B/walsh-gpu /tmp/k94 --check-rows 257 --no-time > $OUT/run211-k94.txt 2>&1; echo "k94 rc=$?"
echo "PASS lines: $(grep -c PASS $OUT/run211-k94.txt)"; grep -v PASS $OUT/run211-k94.txt | head
for p in 1 2; do
  for r in 65 16; do
    rows=$([ $r = 65 ] && echo 65536 || echo 16384)
    for v in a b; do
      echo "== $v$r pass $p"
      $B/walsh-gpu /tmp/e6/$v$r --rows $rows --check-rows 257 2>&1 | grep -E '^outproj'
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run211.txt
