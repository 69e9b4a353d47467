#!/usr/bin/env bash
# Device run 92 (2026-11-30): the final rule (fast-compile ptxas only for
# tiles with 2^k >= 128; tiles of four dense indices at -O3).
#  1. walsh bench over the dense sizes 768 ... 3840, bf16 and f16, two
#     passes, cuBLAS beside.
#  2. d = 768 (m = 12, 2^k = 64): its default against tiles of four dense
#     indices at 65536, 32768, 16384 and 8192 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
for pass in 1 2; do
  timeout 200 $B/walsh bench --target cuda --sizes 768,1280,1536,1792,2304,2560,2816,3072,3328,3584,3840 \
    --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1
done | tee $OUT/run92-bench.txt
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k92.tar.xz -C /tmp/k
for pass in 1 2; do
  for rows in 65536 32768 16384 8192; do
    for dir in def mma; do
      timeout 60 $B/walsh-gpu /tmp/k/$dir --check-rows 257 --rows $rows
    done
  done
done
} 2>&1 | tee $OUT/run92-768.txt
echo "done $(date -u)"
