#!/usr/bin/env bash
# Device run 410 (2026-12-04): fp32 30720 and 26624's new defaults (the
# split layout with the m-point stage on tensor cores) with a's and b's
# pairs loaded at each n-tile's start, before the products (`_early`),
# beside loaded where they are used (`_late`, 9535c52's form but for the
# clamped addresses). run409's ncu had 46 % of the warps' cycles in long
# scoreboard stalls. Kernels compiled here (`walsh compile --target cuda
# --dtype f32 --rows 16384 --d D`, the `_early` ones with
# WALSH_EXP_AB_EARLY=1, a switch in the experiment's build, and renamed;
# also H^T, to bf16 and 20480 over 640 threads early, for their checks).
# walsh-gpu checks each on 257 rows against float64, then times it beside
# a copy: two passes at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf410 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/conf410 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-fp32-ab-early-run410.txt
