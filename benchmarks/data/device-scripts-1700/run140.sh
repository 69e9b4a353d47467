#!/usr/bin/env bash
# Device run 140 (2026-11-30): H_m on tensor cores at 2^k = 16 and 32
# (unrolled; registers, not shared memory, hold their occupancy): the
# defaults (dflt/) against the same PTX with `.minnctapersm N` added after
# `.maxntid` (mc/: 384, 640, 1920 three blocks a multiprocessor, 1408 two,
# 832, 960, 1152 four; ptxas then spills 0-144 bytes), bf16 and f16.
# .device/k56.tar.xz was built by hand from `walsh compile --target cuda
# --rows 65536` (WALSH_CUDA_BIN=none), the directive added by sed, ptxas -O3.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k56.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
for pass in 1 2; do
  for r in 65536 16384; do
    for s in dflt mc; do
      echo "== pass $pass rows $r set $s $(date -u +%T)"
      $G 60 $B/walsh-gpu /tmp/k/$s --check-rows 257 --rows $r
      echo "rc=$?"
    done
  done
done
} 2>&1 | tee $OUT/run140.txt
