#!/usr/bin/env bash
# Device run 292 (2026-12-02): bf16 H_m on tensor cores with stage 2 from
# one piece at 16 and 32 positions too (kernels compiled on the VM at
# 0d3cd58 into /tmp/s3/base, and with stage2Pieces' bound lowered from 64
# to 16 positions, a throwaway edit never committed, into /tmp/s3/hi):
# each checked on 257 rows, timed, two passes, 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/s3 && tar xJf .device/s3.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    for v in base hi; do
      $B/walsh-gpu /tmp/s3/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run292.txt
