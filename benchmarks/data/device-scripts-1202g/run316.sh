#!/usr/bin/env bash
# Device run 316 (2026-12-02): build-316.sh's sets ('vector_width' = 8 where
# the rule keeps the sign program, hv, against the defaults, hd), two
# alternating passes at each row count, every kernel checked first; then
# ncu of the final bf16 13312 default.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for rows in 65536 16384; do
  for pass in 1 2; do
    for set in hv hd; do
      echo "== pass $pass rows $rows variant $set"
      $B/walsh-gpu /tmp/sets/$set --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror"
    done
  done
done
date -u +%H:%M:%S
echo "== ncu bf16 13312 (the default, g = 2)"
mkdir -p /tmp/n13 && WALSH_CACHE_DIR=none $B/walsh compile --target cuda --dtype bf16 --d 13312 --rows 65536 --out /tmp/n13 >/dev/null
timeout 120 ncu --clock-control none --launch-skip 4 --launch-count 1 --section SpeedOfLight --section Occupancy --section WarpStateStats --section SchedulerStats --section InstructionStats $B/walsh-gpu /tmp/n13 --check-rows 257 --rows 65536 --iters 5 2>&1 | grep -v "^==PROF==" | grep -E "Duration|Throughput|Issued Warp|Warp Cycles Per Issued|Registers|Achieved Occupancy|Stall|stalled|Executed Instructions  |Eligible|Active Warps"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run316.txt
