#!/usr/bin/env bash
# Device run 295 (2026-12-02): H_m on tensor cores at 2^k = 8, H_8 as one
# m16n8k8 mma a piece instead of xor shuffles (kernels compiled on the VM
# with a throwaway switch WALSH_EXP_K8, never committed: /tmp/k8/base the
# defaults of d9a242f, /tmp/k8/k8 the mma with the stage-2 pieces rule,
# /tmp/k8/one bf16 with one piece at m >= 36 too): each checked on 257
# rows, timed, two passes, 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/k8 && tar xJf .device/k8.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    for v in base k8 one; do
      $B/walsh-gpu /tmp/k8/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run295.txt
