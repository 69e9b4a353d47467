#!/usr/bin/env bash
# Device run 10 (2026-11-30): bf16 widened through integer ops (B) against
# arith.extf (A), kernels compiled here by mk10.sh; two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for pass in 1 2; do
  for v in A65 B65 NH65; do timeout 60 $B/walsh-gpu .device/v10/$v --rows 65536 --check-rows 257 2>&1 | sed "s/^/$pass $v /"; done
  for v in A16 B16; do timeout 60 $B/walsh-gpu .device/v10/$v --rows 16384 --check-rows 257 2>&1 | sed "s/^/$pass $v /"; done
done > $OUT/sweep.txt
grep -v " name\|device" $OUT/sweep.txt | awk '{print $1, $2, $3, $7, $(NF)}'
