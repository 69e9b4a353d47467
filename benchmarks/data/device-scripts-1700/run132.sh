#!/usr/bin/env bash
# Device run 132 (2026-11-30): H_m on tensor cores folded to 64 positions
# (build-k48.sh): the other forms checked (chk/), then per set every kernel
# checked on 257 rows and timed against the copy, 65536 and 16384 rows,
# two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k48.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 60 $B/walsh-gpu /tmp/k/chk --check-rows 257 --no-time
echo "chk rc=$? $(date -u +%T)"
for pass in 1 2; do
  for r in 65536 16384; do
    for s in dflt p64r2 p64r4 p64r8 x128r4 x128r8; do
      echo "== pass $pass rows $r set $s $(date -u +%T)"
      $G 90 $B/walsh-gpu /tmp/k/$s --check-rows 257 --rows $r
      echo "rc=$?"
    done
  done
done
} 2>&1 | tee $OUT/run132.txt
echo "done $(date -u)"
