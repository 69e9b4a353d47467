#!/usr/bin/env bash
# Device run 179 (2026-11-30): build-k79.sh's moved conformance kernels
# (1792's tiles, four rows a block) checked by walsh-gpu; `walsh bench`
# of 16-bit 256, 512 and 1792 (row groups at 16384 rows; four rows a block)
# at 65536 and 16384 rows through the JIT, twice.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k79.tar.xz -C /tmp/k
{
date -u +%T
stdbuf -oL timeout 120 $B/walsh-gpu /tmp/k/conf --check-rows 1000 --no-time
echo "walsh-gpu rc=$?"
for pass in 1 2; do
  WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 200 $B/walsh bench --target cuda --sizes 256,512,1792 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
  echo "bench rc=$? $(date -u +%T)"
done
} 2>&1 | tee $OUT/run179.txt
