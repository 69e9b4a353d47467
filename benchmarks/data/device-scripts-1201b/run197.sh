#!/usr/bin/env bash
# Device run 197 (2026-12-01): the cluster defaults at 16384 and 32768.
# 1. walsh-gpu checks the 6 conformance kernels they added (k87; every
#    other kernel's PTX is byte-identical to the k86 set of run195).
# 2. walsh tune --json, f16 decode at 16384 and 32768 (run196 tuned f32
#    and bf16 only).
# 3. walsh bench decode at 8192, 16384, 32768, three dtypes, two passes.
set -u
cd /tmp && rm -rf walsh-bundle k87 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/k87.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
stdbuf -oL timeout 120 $B/walsh-gpu /tmp/k87 --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for h in 128 256; do
  WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 150 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype f16 --head-dim 128 --heads $h --batch 1,16 --seq 1
done
for pass in 1 2; do
  echo "== pass $pass"
  WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 150 $B/walsh bench --target cuda --sizes 8192,16384,32768 --dtypes f32,bf16,f16 --rows 16384 --decode-rows 1,16 --no-dense
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run197.txt
