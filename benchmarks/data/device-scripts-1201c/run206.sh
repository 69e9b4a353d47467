#!/usr/bin/env bash
# Device run 206 (2026-12-01): the scale folded into level 0.
# 1. walsh-gpu checks the 145 conformance kernels whose PTX it changed (k92,
#    from gpu-conformance.sh --compile-only, cmp against the previous set).
# 2. The bulk defaults it changed, before (a65, a16: the previous compiler)
#    against after (b65, b16), walsh-gpu side by side, alternating, two
#    passes, 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle k92 e3 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/k92.tar.xz" && tar xJf "$OLDPWD/.device/e3.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
timeout 200 $B/walsh-gpu /tmp/k92 --check-rows 257 --no-time > $OUT/run206-k92.txt 2>&1; echo "k92 rc=$?"
echo "PASS lines: $(grep -c PASS $OUT/run206-k92.txt)"; grep -v PASS $OUT/run206-k92.txt | head
for p in 1 2; do
  for r in 65 16; do
    rows=$([ $r = 65 ] && echo 65536 || echo 16384)
    for v in a b; do
      echo "== $v$r pass $p"
      $B/walsh-gpu /tmp/e3/$v$r --rows $rows --check-rows 257 2>&1 | grep -v '^$'
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run206.txt
