#!/usr/bin/env bash
# Device run 246 (2026-12-01): 5632, 6656 and 7680 (44, 52, 60 x 128)
# folded to 64 positions (88, 104, 120 dense indices: 6, 7, 8 blocks) with
# four or eight warps a row, one or two rows a block (a throwaway switch,
# WALSH_HM_FOLD, on the VM; the kernels renamed *_fold), beside the
# unfolded defaults (kw7.tar.xz; the block's threads and rows are in each
# json). walsh-gpu checks each on 257 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/kwall7 && tar xJf .device/kw7.tar.xz -C /tmp
{
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    timeout 250 walsh-gpu /tmp/kwall7 --check-rows 257 --rows $rows 2>&1
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run246.txt
