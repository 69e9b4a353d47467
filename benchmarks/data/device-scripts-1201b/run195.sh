#!/usr/bin/env bash
# Device run 195 (2026-12-01): the cluster default of fp32 d = 8192 decode.
# 1. walsh-gpu checks the 13 conformance kernels with a cluster (k86: the
#    rest of gpu-conformance.sh's PTX is byte-identical to run192's set).
# 2. walsh run --check --json through the default (cuLaunchKernelEx).
# 3. walsh bench, decode at 4096 and 8192, three passes (fp32 and bf16).
set -u
cd /tmp && rm -rf walsh-bundle k86 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/k86.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
stdbuf -oL timeout 120 $B/walsh-gpu /tmp/k86 --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for r in 1 16 64; do
  WALSH_CACHE_DIR=/tmp/wc timeout 60 $B/walsh run --target cuda --dtype f32 --d 8192 --rows $r --check --json
done
for pass in 1 2 3; do
  echo "== pass $pass"
  WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 90 $B/walsh bench --target cuda --sizes 4096,8192 --dtypes f32,bf16 --rows 16384 --decode-rows 1,16 --no-dense
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run195.txt
