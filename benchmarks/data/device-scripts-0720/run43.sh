#!/usr/bin/env bash
# Device run 43 (2026-11-30): the affine table. The 16-bit defaults with
# row groups, old (before) and new (the table), checked then timed against
# the copy roofline, two interleaved passes; then the GPU conformance kernels
# of the new tree (tests/gpu/gpu-conformance.sh --compile-only), checked.
set -u
cd /tmp && rm -rf walsh-bundle v43 conf43 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v43.tar.xz" && tar xJf "$OLDPWD/.device/conf43.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for p in 1 2; do for v in old new; do for r in r16 r65; do
  R=16384; [ $r = r65 ] && R=65536
  timeout 100 $B/walsh-gpu /tmp/v43/$v/$r --rows $R --check-rows 257 | grep -E 'PASS|FAIL' | sed "s/^/$p $v\/$r /"
done; done; done > $OUT/timing.txt 2>&1
python3 - $OUT/timing.txt <<'PY'
import sys, collections
t = collections.defaultdict(list)
for l in open(sys.argv[1]):
    p = l.split()
    if 'PASS' not in p: print(l.strip()); continue
    t[(p[1].split('/')[1], p[2], p[1].split('/')[0])].append(p[-1])
for (r, k, v) in sorted(t):
    if v == 'old': print(f"{r} {k:48s} old {' '.join(t[(r,k,'old')])}  new {' '.join(t.get((r,k,'new'),[]))}")
PY
timeout 420 $B/walsh-gpu /tmp/conf43 --check-rows 257 --no-time > $OUT/conformance.txt 2>&1; echo "conformance rc=$?"
grep -c PASS $OUT/conformance.txt; grep -E 'FAIL|rror' $OUT/conformance.txt | head -20
echo "done $(date -u)"
