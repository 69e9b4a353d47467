#!/usr/bin/env bash
# Device run 412 (2026-12-04): fp32 30720 and 26624's defaults (b9daf16:
# the split layout with the m-point stage on tensor cores) with a's and
# b's pairs loaded with L1 eviction hints: `_l1all` every row
# L1::evict_last, `_l124` / `_l116` output rows below 24 / 16 evict_last
# (4 KB of a and b a row: 96 / 64 KB of the some 124 KB of L1 the 132 KB
# carveout leaves) and the rest L1::no_allocate, beside `_l1base` (plain
# loads). Kernels compiled here (`walsh compile --target cuda --dtype f32
# --rows 16384 --d D`, with WALSH_EXP_L1=all / 24 / 16, a switch in the
# experiment's build, reverted after this run, and renamed). walsh-gpu
# checks each on 257 rows against float64, then times it beside a copy:
# two passes at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf412 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/conf412 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-fp32-ab-l1-hints-run412.txt
