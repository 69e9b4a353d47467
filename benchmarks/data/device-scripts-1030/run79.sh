#!/usr/bin/env bash
# Device run 79 (2026-11-30): ncu on bf16 d = 3072 with one warp a row
# (w1, the default) and two (w2), and on 5120 with two (w2b), 65536 rows:
# where two warps a row lose (stall reasons, issue activity).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
M=gpu__time_duration.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed,sm__inst_executed.sum,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active,smsp__warps_eligible.avg.per_cycle_active,launch__registers_per_thread,launch__occupancy_limit_registers,launch__occupancy_limit_shared_mem,launch__grid_size
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k79.tar.xz -C /tmp/k
for n in w1 w2 w2b; do
  timeout 120 ncu --clock-control none --launch-skip 6 --launch-count 1 --section WarpStateStats --section SchedulerStats --metrics $M $B/walsh-gpu /tmp/k/$n --rows 65536 --check-rows 257 --iters 5 > $OUT/ncu79-$n.txt 2>&1
  echo "ncu $n rc=$?"; grep -E 'duration|dram__|inst_executed|issue_active|warps_active|eligible|registers|grid_size|occupancy|Stall|stall' $OUT/ncu79-$n.txt | head -40
done 2>&1 | tee $OUT/run79.txt
echo "done $(date -u)"
