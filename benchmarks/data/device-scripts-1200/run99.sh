#!/usr/bin/env bash
# Device run 99 (2026-11-30): the register cap (nvvm.minctasm) extended from
# 16-bit to every kernel of at least 64 values a thread. It changes twelve
# conformance kernels, all fp32 (d = 16384 and its epilogue, cast and
# no-affine forms, two 5120 and one 8192 configuration on request): each
# checked on 257 rows and timed against its old PTX (old/), 16384 rows,
# two passes. And the 38 tile-of-four-dense-indices conformance kernels of
# the final compiler (PTX as run90-93 measured, ptxas -O3), checked.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k100.tar.xz -C /tmp/k
{
for pass in 1 2; do
  for dir in new old; do
    timeout 120 $B/walsh-gpu /tmp/k/$dir --check-rows 257 --rows 16384
  done
done
timeout 120 $B/walsh-gpu /tmp/k/quads --check-rows 257 --no-time
echo "quads rc=$?"
} 2>&1 | tee $OUT/run99.txt
echo "done $(date -u)"
