#!/usr/bin/env bash
# Device run 260 (2026-12-01): run259's tuner winners against the
# defaults, side by side (walsh-gpu: each checked on 257 rows against
# float64, timed against a copy), 65536 and 16384 rows, two passes:
# 8192 without row groups (e64 t128 r1 v8 transpose), 5632 one warp a row
# and eight rows a block (e176 t32 r8 v2 mma), 3328 four rows a block
# (e104 t32 r4 v2 mma); bf16 and f16. Kernels compiled on the VM into
# .device/tv.tar.xz (dflt/: `walsh compile --rows 65536` defaults; cand/).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/tv && tar xJf .device/tv.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for v in dflt cand; do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/tv/$v --check-rows 257 --rows $rows 2>&1 | grep outproj | sed "s/^/pass $pass $v /"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run260.txt
