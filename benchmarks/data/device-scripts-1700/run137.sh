#!/usr/bin/env bash
# Device run 137 (2026-11-30): build-k53.sh's kernels (H_m on tensor cores
# with 16-bit affine tables): the other forms checked (chk/), then the
# defaults against 16-bit tables (and 7168 with five and six rows), every
# kernel checked and timed, 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k53.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 60 $B/walsh-gpu /tmp/k/chk --check-rows 257 --no-time
echo "chk rc=$? $(date -u +%T)"
for pass in 1 2; do
  for r in 65536 16384; do
    for s in dflt t16 t16r5 t16r6; do
      echo "== pass $pass rows $r set $s $(date -u +%T)"
      $G 90 $B/walsh-gpu /tmp/k/$s --check-rows 257 --rows $r
      echo "rc=$?"
    done
  done
done
} 2>&1 | tee $OUT/run137.txt
echo "done $(date -u)"
