#!/usr/bin/env bash
# Device run 130 (2026-11-30): H_m on tensor cores at 2^k = 8
# (build-k46.sh): its other forms checked (chk/), then per 16-bit d = m x 8
# the default and the new kernel with 4, 8 and 16 rows a block, each
# checked then timed, 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k46.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 30 $B/walsh-gpu /tmp/k/chk --check-rows 257 --no-time
echo "chk rc=$? $(date -u +%T)"
for pass in 1 2; do
  for r in 65536 16384; do
    for s in dflt r4 r8 r16; do
      echo "== pass $pass rows $r set $s $(date -u +%T)"
      $G 60 $B/walsh-gpu /tmp/k/ab/$s --check-rows 257 --rows $r
      echo "rc=$?"
    done
  done
done
} 2>&1 | tee $OUT/run130.txt
echo "done $(date -u)"
