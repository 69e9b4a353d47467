#!/usr/bin/env bash
# Device run 202 (2026-12-01): the final build (the pushing cluster stage,
# 16-bit 8192 decode on a cluster of four).
# 1. walsh-gpu checks the two conformance kernels that default added (k89;
#    every other conformance kernel's PTX is byte-identical to k88's,
#    checked in run200).
# 2. walsh bench, decode sweep of the sizes clusters take and 4096, two
#    passes.
set -u
cd /tmp && rm -rf walsh-bundle k89 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/k89.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
stdbuf -oL timeout 60 $B/walsh-gpu /tmp/k89 --check-rows 257 --no-time; echo "k89 rc=$?"
for pass in 1 2; do
  echo "== pass $pass"
  WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 200 $B/walsh bench --target cuda --sizes 4096,8192,16384,32768 --dtypes bf16,f16,f32 --rows 16384 --decode-rows 1,16 --no-dense
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run202.txt
