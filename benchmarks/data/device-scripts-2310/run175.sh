#!/usr/bin/env bash
# Device run 175 (2026-11-30): build-k76.sh's moved conformance kernels
# checked by walsh-gpu; `walsh bench` of fp32 352 and 480 (two blocks a
# multiprocessor from 32768 rows) and their neighbours at 65536, 32768 and
# 16384 rows through the JIT, twice.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k76.tar.xz -C /tmp/k
{
date -u +%T
stdbuf -oL timeout 120 $B/walsh-gpu /tmp/k/conf --check-rows 1000 --no-time
echo "walsh-gpu rc=$?"
for pass in 1 2; do
  WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 200 $B/walsh bench --target cuda --sizes 288,352,416,480 --dtypes f32 --rows 65536,32768,16384 --decode-rows none --no-dense
  echo "bench rc=$? $(date -u +%T)"
done
} 2>&1 | tee $OUT/run175.txt
