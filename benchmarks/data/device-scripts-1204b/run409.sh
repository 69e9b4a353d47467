#!/usr/bin/env bash
# Device run 409 (2026-12-04), f9e13f0's bundle: ncu of fp32 30720 and
# 26624 at 16384 rows on their new defaults (the split layout with the
# m-point stage on tensor cores), run356's sections and metrics, for what
# holds them at 0.41-0.42 of the copy roofline.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
SEC="--section SpeedOfLight --section WarpStateStats --section SchedulerStats --section Occupancy --section LaunchStats --section ComputeWorkloadAnalysis"
MET="--metrics smsp__inst_executed.sum,smsp__inst_executed_op_shared_ld.sum,smsp__inst_executed_op_shared_st.sum,smsp__inst_executed_op_global_ld.sum,smsp__inst_executed_op_global_st.sum,l1tex__data_pipe_lsu_wavefronts_mem_shared.sum,l1tex__data_pipe_lsu_wavefronts_mem_shared.avg.pct_of_peak_sustained_elapsed,l1tex__data_bank_conflicts_pipe_lsu_mem_shared.sum,sm__pipe_tensor_op_hmma_cycles_active.avg.pct_of_peak_sustained_active,smsp__warps_issue_stalled_barrier.avg,smsp__warps_issue_stalled_long_scoreboard.avg,smsp__warps_issue_stalled_short_scoreboard.avg,smsp__warps_issue_stalled_mio_throttle.avg,smsp__warps_issue_stalled_math_pipe_throttle.avg,smsp__warps_issue_stalled_wait.avg,smsp__warps_issue_stalled_lg_throttle.avg,smsp__warps_issue_stalled_not_selected.avg,smsp__warps_issue_stalled_selected.avg,smsp__warps_issue_stalled_dispatch_stall.avg,smsp__warps_issue_stalled_no_instruction.avg,smsp__warps_active.avg"
PAT="smsp__|l1tex__|sm__pipe|Duration|Throughput|Registers|Occupancy|Warp Cycles|Issued|Eligible|Active Warps|Block Size|Grid Size|Shared Memory|Executed Ipc|No Eligible|Issue Slot"
for d in 30720 26624; do
  echo "== ncu f32 $d 16384 rows (default)"
  timeout 120 ncu --clock-control none --launch-skip 3 --launch-count 1 -k regex:outproj $SEC $MET \
    $B/walsh run --target cuda --d $d --dtype f32 --rows 16384 2>&1 | grep -v "^==PROF==" | grep -E "$PAT"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-ncu-fp32-split-mma-run409.txt
