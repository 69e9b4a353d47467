#!/usr/bin/env bash
# Device run 122 (2026-11-30): H_m on tensor cores in the compiler
# (cross_warp = mma at 2^k = 16, 32; HmMmaKernel.cpp). Kernels from
# build-k39.sh: the forms in chk/ checked on 257 rows (and a grid of 3
# blocks, walsh-gpu's second check); then per 16-bit d = m x P the default
# (ab/dflt) and the new kernel with 4 and 8 rows a block (ab/r4, ab/r8),
# each checked then timed against a copy, 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k39.tar.xz -C /tmp/k
{
timeout 120 $B/walsh-gpu /tmp/k/chk --check-rows 257 --no-time
echo "chk rc=$?"
for pass in 1 2; do
  for r in 65536 16384; do
    for s in dflt r4 r8; do
      echo "== pass $pass rows $r set $s"
      timeout 150 $B/walsh-gpu /tmp/k/ab/$s --check-rows 257 --rows $r
    done
  done
done
} 2>&1 | tee $OUT/run122.txt
echo "done $(date -u)"
