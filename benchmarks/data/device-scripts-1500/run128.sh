#!/usr/bin/env bash
# Device run 128 (2026-11-30): H_m's fragments loaded once a k-step (not
# again for each 16 positions) at 2^k = 64 and 128. The 37 conformance
# kernels whose PTX that moved, checked; the defaults of 3328 ... 7680
# before (old, run127's PTX) and after (new), checked and timed side by
# side, 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k44.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
$G 90 $B/walsh-gpu /tmp/k/conf --check-rows 257 --no-time
echo "conf rc=$?"
for pass in 1 2; do
  for r in 65536 16384; do
    for s in old new; do
      echo "== pass $pass rows $r set $s"
      $G 60 $B/walsh-gpu /tmp/k/$s --check-rows 257 --rows $r
    done
  done
done
} 2>&1 | tee $OUT/run128.txt
echo "done $(date -u)"
