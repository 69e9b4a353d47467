#!/usr/bin/env bash
# Device run 400 (2026-12-04): the split layout with H_m on tensor cores
# (16-bit defaults 9216 ... 22528) with two row buffers in shared memory,
# alternating by row, so that the barrier after the m-point stage goes
# (`_dbl`), beside each default (one buffer, two barriers a row). Kernels
# compiled here (`walsh compile --target cuda --rows 16384 --d D --dtype
# T`, the `_dbl` ones with WALSH_EXP_HM_DOUBLE=1 and their JSON's name
# changed; 26624, 28672 and 30720 do not fit two buffers). walsh-gpu
# checks each on 257 rows against float64, then times it beside a
# device-to-device copy: two passes at 16384 rows, one at 65536.
# (WALSH_EXP_HM_DOUBLE was a switch in the experiment's build, not
# committed: mmaSplitHmTwoRows, MmaKernel.cpp, took its place.)
set -u
cd /tmp && rm -rf walsh-bundle conf400 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/conf400 --check-rows 257 --rows 16384
done
echo "== 65536 rows"
timeout 150 $B/walsh-gpu /tmp/conf400 --check-rows 257 --rows 65536
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-hm-double-run400.txt
