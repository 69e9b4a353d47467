#!/usr/bin/env bash
# Device run 174 (2026-11-30): build-k75.sh's fp32 defaults timed by
# walsh-gpu (every kernel checked) on the launcher's grid (0) and on grids
# capped at 1 ... 4 blocks a multiprocessor (132 SMs), at 65536 and 16384
# rows; the two-warp fp32 kernels at 2^k = 64 beside them. Two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/gpu-slim.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k75.tar.xz -C /tmp/k
{
for pass in 1 2; do
  for rows in 65536 16384; do
    for g in 0 132 264 396 528; do
      echo "== pass $pass rows $rows set g$g"
      stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/dflt --rows $rows --check-rows 257 --grid-limit $g
    done
    echo "== pass $pass rows $rows set w2"
    stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/w2 --rows $rows --check-rows 257
  done
done
} 2>&1 | tee $OUT/run174.txt
