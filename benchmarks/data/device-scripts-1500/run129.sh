#!/usr/bin/env bash
# Device run 129 (2026-11-30): H_m on tensor cores at 2^k = 16 and 32 with
# the blocks of 16 dense indices as a loop too (H_m's fragments from shared
# memory, X's kept in registers: half the registers, a third of the
# compile), against the unrolled form: the 63 conformance kernels it
# moved, checked; the defaults of every m x 16 and m x 32 before (old) and
# after (new), checked and timed side by side, 65536 and 16384 rows, two
# passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k45.tar.xz -C /tmp/k
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
} 2>&1 | tee $OUT/run129.txt
echo "done $(date -u)"
