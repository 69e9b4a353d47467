#!/usr/bin/env bash
# Device run 274 (2026-12-02, the bundle of run273; kernels from
# build-ws.sh TAG=cl -> .device/cl.tar.xz): bf16 16384 and 32768 in bulk
# on a thread-block cluster a row against their defaults; the split layout
# through transposes at 8 and 16 threads an index, compiler unchanged
# (run273 failed those with warp-local barriers). walsh-gpu, every kernel
# checked on 257 rows, two passes, 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/cl && tar xJf .device/cl.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for v in ref d32768c2e64t256 d32768c4e64t128 d32768c4e32t256 d32768c8e64t64 d16384c2e64t128 d16384c2e32t256 d16384c4e32t128 d16384c8e64t32 f16ref f16c chk1 chk2 chk3; do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/cl/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
  date -u +%H:%M:%S
done
} 2>&1 | tee $OUT/run274.txt
