#!/usr/bin/env bash
# Device run 95 (2026-11-30): ncu on the tile defaults bf16 d = 1280 (four
# dense indices a tile, 0.83-0.86 of the copy roofline), 1536 (pairs,
# 0.85-0.86) and 2304 (four, 0.90-0.92), 65536 rows: what holds the first
# two below 0.9 (issue activity, stall reasons, occupancy).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
M=gpu__time_duration.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed,sm__inst_executed.sum,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active,smsp__warps_eligible.avg.per_cycle_active,launch__registers_per_thread,launch__occupancy_limit_registers,launch__occupancy_limit_shared_mem,launch__grid_size,launch__block_size
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k95.tar.xz -C /tmp/k
for n in d1280 d1536 d2304; do
  timeout 120 ncu --clock-control none --launch-skip 6 --launch-count 1 --section WarpStateStats --section SchedulerStats --metrics $M $B/walsh-gpu /tmp/k/$n --rows 65536 --check-rows 257 --iters 5 > $OUT/ncu95-$n.txt 2>&1
  echo "ncu $n rc=$?"; grep -E 'duration|dram__|inst_executed|issue_active|warps_active|eligible|registers|grid_size|block_size|occupancy|Stall|stall' $OUT/ncu95-$n.txt | head -45
done 2>&1 | tee $OUT/run95.txt
echo "done $(date -u)"
