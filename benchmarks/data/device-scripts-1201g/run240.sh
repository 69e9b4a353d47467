#!/usr/bin/env bash
# Device run 240 (2026-12-01): more warps a row for H_m on tensor cores,
# the neighbourhood of run239's winners: bf16 6656 and 7680 with one or two
# warps a row of fewer rows; 7168 folded with 2, 4 or 7 warps a row;
# 3328, 3840, 4608, 5120, 5632 (the kernels that keep X's fragments in
# registers, one warp a row, eight rows) with 2, 4 or 5 warps a row; f16
# 6656 and 7680 at four warps a row, one row. Each against its default
# (kw2.tar.xz), checked on 257 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/kwall2 && tar xJf .device/kw2.tar.xz -C /tmp
{
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    timeout 250 walsh-gpu /tmp/kwall2 --check-rows 257 --rows $rows 2>&1
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run240.txt
