#!/usr/bin/env bash
# Device run 123 (2026-11-30): run 122 again after the fix (run 122 hung:
# LLVM sank the stage-2 mma.sync of the last block of 16 dense indices
# into the branch of the lanes that store it, g < m % 16, so part of a
# warp ran a warp-wide instruction; the mma asm now has side effects).
# Unbuffered output and a timeout per set, so a hang loses one set.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k39.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 30 $B/walsh-gpu /tmp/k/chk --check-rows 257 --no-time
echo "chk rc=$? $(date -u +%T)"
for pass in 1 2; do
  for r in 65536 16384; do
    for s in r4 dflt r8; do
      echo "== pass $pass rows $r set $s $(date -u +%T)"
      $G 60 $B/walsh-gpu /tmp/k/ab/$s --check-rows 257 --rows $r
      echo "rc=$?"
    done
  done
done
} 2>&1 | tee $OUT/run123.txt
echo "done $(date -u)"
