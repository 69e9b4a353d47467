#!/usr/bin/env bash
# Device run 173 (2026-11-30): build-k74.sh's conformance kernels (those
# fp32 H_m on tensor cores moved or added) checked by walsh-gpu; then
# `walsh bench` over the fp32 sizes whose default moved (and their
# neighbours), 65536 and 16384 rows, through the JIT; `walsh run --check`
# on all 65536 rows of two of them.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k74.tar.xz -C /tmp/k
{
date -u +%T
echo "== conformance kernels moved"
stdbuf -oL timeout 120 $B/walsh-gpu /tmp/k/conf --check-rows 1000 --no-time
echo "walsh-gpu rc=$?"
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 300 $B/walsh bench --target cuda --sizes 96,160,224,288,352,416,480,832,960,1408,1664,1920 --dtypes f32 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
for d in 480 1920; do
  WALSH_CACHE_DIR=/tmp/wc timeout 60 $B/walsh run --target cuda --dtype f32 --d $d --rows 65536 --check --json
done
echo "run rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run173.txt
