#!/usr/bin/env bash
# Device run 118 (2026-11-30): ncu on hm-mma-prototype.cu version 2 at
# m = 60, P = 16 and 32 (four warps a block, 65536 rows): what holds it at
# 0.68-0.74 of the copy roofline.
set -u
M=gpu__time_duration.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed,sm__inst_executed.sum,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active,smsp__warps_eligible.avg.per_cycle_active,l1tex__data_pipe_lsu_wavefronts_mem_shared.sum,smsp__inst_executed_pipe_lsu.sum,l1tex__data_bank_conflicts_pipe_lsu_mem_shared.sum,sm__pipe_tensor_op_hmma_cycles_active.avg.pct_of_peak_sustained_active,l1tex__throughput.avg.pct_of_peak_sustained_active
{
# Launches of hm2: 31 a configuration (one check, 30 timed) in main()'s
# order, so m = 60 P = 16 (the fourth) from 93, m = 60 P = 32 (the eighth)
# from 217.
for k in 95 219; do
  timeout 150 ncu --clock-control none -k hm2 --launch-skip $k --launch-count 1 --section WarpStateStats --section SchedulerStats --metrics $M .device/hmproto 2 > $OUT/ncu118-$k.txt 2>&1
  echo "ncu $k rc=$?"; grep -E 'duration|dram__|inst_executed|issue_active|warps_active|eligible|wavefronts|conflicts|hmma|l1tex__throughput|Stall|stall|cycles being' $OUT/ncu118-$k.txt | head -40
done
} 2>&1 | tee $OUT/run118.txt
