#!/usr/bin/env bash
# Device run 413 (2026-12-04): fp32 30720 and 26624's defaults (41cf33f)
# with the row one grid ahead prefetched into L2 (`_ahead1`: at each
# iteration's start, prefetch.global.L2 of row group + G, 16 MB over the
# grid, where 'row_iters' 2's two grids, 32 MB, lost in run408), beside
# `_base` (none). Kernels compiled here (`walsh compile --target cuda
# --dtype f32 --rows 16384 --d D`, with WALSH_EXP_AHEAD1=1, a switch in
# the experiment's build, reverted after this run, and renamed). walsh-gpu checks each on 257 rows
# against float64, then times it beside a copy: two passes at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf413 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/conf413 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-fp32-ahead1-run413.txt
