#!/usr/bin/env bash
# Device run 237 (2026-12-01): ncu of the H_m-then-butterflies prototype
# (hm-cols-prototype.cu) at d = 7168 and 6656, one launch of 65536 rows
# each (the first timed launch with the L2 prefetch).
set -u
{
date -u +%H:%M:%S
for d in 7168 6656; do
  timeout 200 ncu --clock-control none --kernel-name regex:cols --launch-skip 2 --launch-count 1 \
    --section SpeedOfLight --section Occupancy --section LaunchStats --section SchedulerStats \
    --section WarpStateStats --section InstructionStats --section MemoryWorkloadAnalysis \
    --metrics smsp__inst_executed.sum,smsp__inst_executed_pipe_fma.sum,smsp__inst_executed_pipe_alu.sum,smsp__inst_executed_pipe_lsu.sum,smsp__inst_executed_pipe_tensor.sum,smsp__inst_executed_op_shared_ld.sum,smsp__inst_executed_op_shared_st.sum \
    .device/hmcols 1 $d 2>&1 | grep -v "^==PROF==" | tail -120
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run237.txt
