#!/usr/bin/env bash
# Device run 245 (2026-12-01): where decode d = 3584 spends its time (2.50-
# 2.68 us a call under graph replay against issue 4's 2.5): ncu of one
# 16-row launch of the bf16 decode defaults at 3584, 4096, 2560 and 3072
# (kw6.tar.xz, made on the VM with walsh compile --rows 16), then walsh
# bench's graph-replay figures for the same sizes beside them.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/kw6 && tar xJf .device/kw6.tar.xz -C /tmp
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for d in 3584 4096 2560 3072; do
  echo "== ncu d = $d"
  timeout 120 ncu --clock-control none --launch-skip 4 --launch-count 1 \
    --section SpeedOfLight --section LaunchStats --section Occupancy \
    --section WarpStateStats --section InstructionStats --section SchedulerStats \
    --metrics smsp__pcsamp_warps_issue_stalled_barrier,smsp__pcsamp_warps_issue_stalled_long_scoreboard,smsp__pcsamp_warps_issue_stalled_short_scoreboard,smsp__pcsamp_warps_issue_stalled_wait,smsp__pcsamp_warps_issue_stalled_math_pipe_throttle,smsp__pcsamp_warps_issue_stalled_mio_throttle,smsp__average_warps_issue_stalled_long_scoreboard_per_issue_active.ratio,smsp__average_warps_issue_stalled_barrier_per_issue_active.ratio,smsp__average_warps_issue_stalled_short_scoreboard_per_issue_active.ratio,smsp__average_warps_issue_stalled_wait_per_issue_active.ratio,smsp__average_warps_issue_stalled_mio_throttle_per_issue_active.ratio,smsp__average_warps_issue_stalled_membar_per_issue_active.ratio,smsp__average_warps_issue_stalled_dispatch_stall_per_issue_active.ratio,smsp__average_warps_issue_stalled_no_instruction_per_issue_active.ratio,gpu__time_duration.sum \
    walsh-gpu /tmp/kw6/d$d --check-rows 16 --rows 16 --iters 5 2>&1 | grep -v "^==PROF==" | grep -E "Duration|gpu__time|Elapsed|Executed Ipc|Issued Warp|Warp Cycles Per Issued|Registers|Achieved Active|stalled|Executed Instructions  |Block Size|Grid Size"
done
echo "== walsh bench decode"
walsh bench --target cuda --sizes 2560,3072,3584,4096 --dtypes bf16 --rows 16384 --decode-rows 1,16 --no-dense 2>&1 | grep -E "^bf16 .* (1|16) \|"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run245.txt
