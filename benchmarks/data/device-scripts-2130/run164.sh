#!/usr/bin/env bash
# Device run 164 (2026-11-30): ncu on the bf16 defaults of H_m on tensor
# cores at 640, 896, 1152 and 448 (build-k68.sh), 65536 rows: why 896
# lags (issue activity, warps, stall reasons, shared wavefronts, conflicts).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
M=gpu__time_duration.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed,sm__inst_executed.sum,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active,smsp__warps_eligible.avg.per_cycle_active,launch__registers_per_thread,launch__occupancy_limit_registers,launch__occupancy_limit_shared_mem,launch__grid_size,launch__block_size,l1tex__data_pipe_lsu_wavefronts_mem_shared.sum,smsp__inst_executed_pipe_lsu.sum,l1tex__data_bank_conflicts_pipe_lsu_mem_shared.sum,smsp__inst_executed_pipe_tensor.sum,sm__pipe_tensor_cycles_active.avg.pct_of_peak_sustained_active
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k68.tar.xz -C /tmp/k
{
for n in d640 d896 d1152 d448; do
  timeout 120 ncu --clock-control none --launch-skip 6 --launch-count 1 --section WarpStateStats --section SchedulerStats --metrics $M $B/walsh-gpu /tmp/k/$n --rows 65536 --check-rows 257 --iters 5 > $OUT/ncu164-$n.txt 2>&1
  echo "ncu $n rc=$?"; grep -E 'duration|dram__|inst_executed|issue_active|warps_active|eligible|registers|grid_size|block_size|occupancy|wavefronts|conflicts|tensor|Stall|stall' $OUT/ncu164-$n.txt | head -60
done
} 2>&1 | tee $OUT/run164.txt
echo "done $(date -u)"
