#!/usr/bin/env bash
# Device run 458 (2026-12-04), run457's bundle (675f18a's code): ncu of
# the fp32 defaults at 16384 rows still below 0.85 of the copy roofline
# (26624 = 52 x 512 and 30720 = 60 x 512: one lane over 512 threads;
# 28672 = 28 x 1024: pairs over 512) beside 20480 (four positions over 256
# threads, 0.86): throughput, occupancy, stall reasons, instruction mix.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader
SEC="--section SpeedOfLight --section WarpStateStats --section SchedulerStats --section Occupancy --section LaunchStats --section MemoryWorkloadAnalysis"
MET="--metrics smsp__inst_executed.sum,smsp__inst_executed_op_shared_ld.sum,smsp__inst_executed_op_shared_st.sum,smsp__inst_executed_op_global_ld.sum,smsp__inst_executed_op_global_st.sum,smsp__inst_executed_op_shfl.sum,smsp__warps_issue_stalled_barrier.avg,smsp__warps_issue_stalled_long_scoreboard.avg,smsp__warps_issue_stalled_short_scoreboard.avg,smsp__warps_issue_stalled_mio_throttle.avg,smsp__warps_issue_stalled_math_pipe_throttle.avg,smsp__warps_issue_stalled_wait.avg,smsp__warps_issue_stalled_lg_throttle.avg,smsp__warps_issue_stalled_not_selected.avg,smsp__warps_issue_stalled_selected.avg,smsp__warps_issue_stalled_dispatch_stall.avg,smsp__warps_issue_stalled_no_instruction.avg,smsp__warps_issue_stalled_drain.avg,smsp__warps_issue_stalled_imc_miss.avg,smsp__warps_issue_stalled_branch_resolving.avg,smsp__warps_issue_stalled_misc.avg,smsp__warps_active.avg,dram__bytes_read.sum,dram__bytes_write.sum,lts__t_sector_hit_rate.pct"
PAT="smsp__|dram__|lts__|Duration|Throughput|Registers|Occupancy|Warp Cycles|Issued|Eligible|Active Warps|Block Size|Grid Size|Shared Memory|Executed Ipc|No Eligible|Issue Slot|Hit Rate"
for d in 20480 26624 28672 30720; do
  echo "== ncu f32 $d 16384 rows (default)"
  timeout 120 ncu --clock-control none --launch-skip 3 --launch-count 1 -k regex:outproj $SEC $MET \
    $B/walsh run --target cuda --d $d --dtype f32 --rows 16384 2>&1 | grep -v "^==PROF==" | grep -E "$PAT"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-ncu-one-block-sizes-run458.txt
