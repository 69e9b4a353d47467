#!/usr/bin/env bash
# Device run 445 (2026-12-04), run444's bundle (019dc0b's code): ncu of
# the fp32 defaults at 16384 rows over 16 warps that reach the copy
# roofline (10240 = 20 x 512, 14336 = 28 x 512: two blocks a
# multiprocessor) and that do not (18432 = 36 x 512, 22528 = 44 x 512: one
# block): throughput, occupancy, stall reasons, instruction mix.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader
SEC="--section SpeedOfLight --section WarpStateStats --section SchedulerStats --section Occupancy --section LaunchStats --section MemoryWorkloadAnalysis"
MET="--metrics smsp__inst_executed.sum,smsp__inst_executed_op_shared_ld.sum,smsp__inst_executed_op_shared_st.sum,smsp__inst_executed_op_global_ld.sum,smsp__inst_executed_op_global_st.sum,smsp__inst_executed_op_shfl.sum,smsp__warps_issue_stalled_barrier.avg,smsp__warps_issue_stalled_long_scoreboard.avg,smsp__warps_issue_stalled_short_scoreboard.avg,smsp__warps_issue_stalled_mio_throttle.avg,smsp__warps_issue_stalled_math_pipe_throttle.avg,smsp__warps_issue_stalled_wait.avg,smsp__warps_issue_stalled_lg_throttle.avg,smsp__warps_issue_stalled_not_selected.avg,smsp__warps_issue_stalled_selected.avg,smsp__warps_issue_stalled_dispatch_stall.avg,smsp__warps_issue_stalled_no_instruction.avg,smsp__warps_issue_stalled_drain.avg,smsp__warps_issue_stalled_imc_miss.avg,smsp__warps_issue_stalled_branch_resolving.avg,smsp__warps_issue_stalled_misc.avg,smsp__warps_active.avg,dram__bytes_read.sum,dram__bytes_write.sum,lts__t_sector_hit_rate.pct"
PAT="smsp__|dram__|lts__|Duration|Throughput|Registers|Occupancy|Warp Cycles|Issued|Eligible|Active Warps|Block Size|Grid Size|Shared Memory|Executed Ipc|No Eligible|Issue Slot|Hit Rate"
for d in 10240 14336 18432 22528; do
  echo "== ncu f32 $d 16384 rows (default)"
  timeout 120 ncu --clock-control none --launch-skip 3 --launch-count 1 -k regex:outproj $SEC $MET \
    $B/walsh run --target cuda --d $d --dtype f32 --rows 16384 2>&1 | grep -v "^==PROF==" | grep -E "$PAT"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-ncu-16-warps-run445.txt
