#!/usr/bin/env bash
# Device run 134 (2026-11-30): build-k50.sh's kernels (H_m on tensor cores,
# two warps a row): the other forms checked (chk/), then the default
# against two warps a row with 2 and 4 rows a block, every kernel checked
# and timed, 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k50.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 60 $B/walsh-gpu /tmp/k/chk --check-rows 257 --no-time
echo "chk rc=$? $(date -u +%T)"
for pass in 1 2; do
  for r in 65536 16384; do
    for s in dflt w2r2 w2r4; do
      echo "== pass $pass rows $r set $s $(date -u +%T)"
      $G 90 $B/walsh-gpu /tmp/k/$s --check-rows 257 --rows $r
      echo "rc=$?"
    done
  done
done
} 2>&1 | tee $OUT/run134.txt
echo "done $(date -u)"
