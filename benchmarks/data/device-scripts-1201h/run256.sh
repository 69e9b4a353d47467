#!/usr/bin/env bash
# Device run 256 (2026-12-01): the build of 2e518a9 (16-bit d = 16384 with
# 5 of 8 vectors of a and b early): walsh bench at 8192, 16384, 32768 with cuBLAS; and the early loads' N
# swept at the 16-bit 4096, 8192, 32768 defaults (build-ec.sh ->
# .device/ec.tar.xz), walsh-gpu, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/ec && tar xJf .device/ec.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
echo "== early-load sweep"
for pass in 1 2; do
  for n in 0 1 2 3 4 5 6 8; do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/ec/e$n --check-rows 257 --rows $rows 2>&1 | grep outproj | sed "s/^/pass $pass e$n /"
    done
  done
done
date -u +%H:%M:%S
echo "== walsh bench"
$B/walsh bench --target cuda --sizes 8192,16384,32768 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1 | tail -16
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run256.txt
