#!/usr/bin/env bash
# Device run 242 (2026-12-01): H_m on tensor cores (folded to 64
# positions) with several warps a row where the split layout is the
# default: bf16 6144 (96 x 64 folded: six blocks), 10240 (160 x 64: ten),
# 12288 (192 x 64: twelve), three to eight warps a row, one or two rows a
# block, against the defaults (kw3.tar.xz). walsh-gpu checks each on 257
# rows and times it beside a copy, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/kwall3 && tar xJf .device/kw3.tar.xz -C /tmp
{
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    timeout 250 walsh-gpu /tmp/kwall3 --check-rows 257 --rows $rows 2>&1
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run242.txt
