#!/usr/bin/env bash
# Device run 401 (2026-12-04): two row buffers for the split layout's
# m-point stage on tensor cores where its warps take whole items and the
# last round leaves at least half of them idle (mmaSplitHmTwoRows: bf16
# 7168, 11264, 14336 and f16 11264 in bulk), in their forms (plain,
# --no-affine, --transpose), beside one buffer (`_one`, compiled with
# WALSH_EXP_HM_DOUBLE=0); f16 14336 and 7168 on bf16's layouts (448
# threads, both ways) beside their defaults. Kernels compiled here
# (`walsh compile --target cuda --rows 16384 ...`). walsh-gpu checks each
# on 257 rows against float64, then times it beside a device-to-device
# copy: two passes at 16384 rows, one at 65536.
# (WALSH_EXP_HM_DOUBLE was a switch in the experiment's build, not
# committed: mmaSplitHmTwoRows, MmaKernel.cpp, took its place.)
set -u
cd /tmp && rm -rf walsh-bundle conf401 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/conf401 --check-rows 257 --rows 16384
done
echo "== 65536 rows"
timeout 150 $B/walsh-gpu /tmp/conf401 --check-rows 257 --rows 65536
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-hm-double-run401.txt
