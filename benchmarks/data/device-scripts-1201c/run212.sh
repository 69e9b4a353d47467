#!/usr/bin/env bash
# Device run 212 (2026-12-01): the L2 prefetch as committed (the split
# layout left out; a last round with fewer lines than threads guarded
# instead of clamped to the last line).
# 1. walsh-gpu checks the 105 conformance kernels whose PTX differs from
#    the k94 set run211 checked (k96).
# 2. The 20 bulk defaults it changes (e8: a = before the prefetch, b = now),
#    side by side, one pass at 65536 rows and one at 16384.
set -u
cd /tmp && rm -rf walsh-bundle k96 e8 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/k96.tar.xz" && tar xJf "$OLDPWD/.device/e8.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
timeout 200 $B/walsh-gpu /tmp/k96 --check-rows 257 --no-time > $OUT/run212-k96.txt 2>&1; echo "k96 rc=$?"
echo "PASS lines: $(grep -c PASS $OUT/run212-k96.txt)"; grep -v PASS $OUT/run212-k96.txt | head
for r in 65 16; do
  rows=$([ $r = 65 ] && echo 65536 || echo 16384)
  for v in a b; do
    echo "== $v$r"
    $B/walsh-gpu /tmp/e8/$v$r --rows $rows --check-rows 257 2>&1 | grep -E '^outproj'
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run212.txt
