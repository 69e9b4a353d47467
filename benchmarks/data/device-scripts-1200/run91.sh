#!/usr/bin/env bash
# Device run 91 (2026-11-30): the bundle with tiles of four dense indices
# (2^k = 64) and ptxas's fast-compile level for one warp a row of tiles.
#  1. The default tile kernels as compiled (ofc/) against the same PTX
#     through ptxas -O3 (o3/), 65536 and 16384 rows, checked and timed.
#  2. walsh bench over the dense sizes 768 ... 3840, bf16 and f16, with
#     cuBLAS beside.
#  3. GPU conformance of the tensor-core kernels among those
#     tests/gpu/gpu-conformance.sh compiles (106 of 1130, compiled on the
#     build machine with ptxas: conf91.tar.xz; the others' PTX and ptxas
#     options are unchanged since run77).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k91.tar.xz -C /tmp/k
for rows in 65536 16384 65536; do
  for dir in ofc o3; do
    timeout 120 $B/walsh-gpu /tmp/k/$dir --check-rows 257 --rows $rows
  done
done
} 2>&1 | tee $OUT/run91-ofc.txt
timeout 200 $B/walsh bench --target cuda --sizes 768,1280,1536,1792,2304,2560,2816,3072,3328,3584,3840 \
  --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1 | tee $OUT/run91-bench.txt
rm -rf /tmp/c && mkdir /tmp/c && tar xJf .device/conf91.tar.xz -C /tmp/c
timeout 400 $B/walsh-gpu /tmp/c --check-rows 257 --no-time > $OUT/run91-conformance.txt 2>&1
echo "conformance rc=$?"; tail -3 $OUT/run91-conformance.txt; grep -c PASS $OUT/run91-conformance.txt; grep -v PASS $OUT/run91-conformance.txt | head
echo "done $(date -u)"
