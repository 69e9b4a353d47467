#!/usr/bin/env bash
# Device run 176 (2026-11-30): build-k77.sh's new conformance kernels
# checked by walsh-gpu; `walsh bench` of fp32 192, 320 and 448 (H_m on
# tensor cores for at most 16384 rows) at 65536 and 16384 rows; then
# `walsh tune` (a fresh database) over fp32 416, 480, 1664 and 1920 at
# 16384 and 65536 rows, with H_m on tensor cores among its candidates.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k77.tar.xz -C /tmp/k
{
date -u +%T
stdbuf -oL timeout 120 $B/walsh-gpu /tmp/k/conf --check-rows 1000 --no-time
echo "walsh-gpu rc=$?"
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 200 $B/walsh bench --target cuda --sizes 192,320,448 --dtypes f32 --rows 65536,16384 --decode-rows none --no-dense
echo "bench rc=$? $(date -u +%T)"
for hd in 32 128; do
  WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 200 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype f32 --head-dim $hd --heads 13,15 --batch 2,8 --seq 8192
  echo "tune rc=$? $(date -u +%T)"
done
} 2>&1 | tee $OUT/run176.txt
