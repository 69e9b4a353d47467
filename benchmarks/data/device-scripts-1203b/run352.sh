#!/usr/bin/env bash
# Device run 352 (2026-12-03): (1) the 24 conformance kernels the 16-step
# fill unroll changes, checked as the conformance test does; (2) the worst
# 16-bit misses at 16384 rows (build-352.sh) timed, their SASS dumped;
# (3) ncu of bf16 13312, f16 13312, bf16 15360 and bf16 9216 at 16384
# rows: throughput, occupancy, stall reasons, shared-memory wavefronts.
set -u
cd /tmp && rm -rf walsh-bundle diffcap sets352 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader
timeout 90 $B/walsh-gpu /tmp/diffcap --check-rows 257 --no-time > $OUT/h200-conformance-sub-run352.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-sub-run352.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-sub-run352.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-sub-run352.txt | head
date -u +%H:%M:%S
timeout 90 $B/walsh-gpu /tmp/sets352 --check-rows 257 --rows 16384 2>&1 | grep --line-buffered "outproj\|FAIL\|rror"
mkdir -p $OUT/sass
for f in /tmp/sets352/*.cubin; do timeout 30 cuobjdump -sass $f > $OUT/sass/$(basename $f .cubin).sass 2>&1; done
ls -la $OUT/sass | head
date -u +%H:%M:%S
SEC="--section SpeedOfLight --section WarpStateStats --section SchedulerStats --section Occupancy --section LaunchStats --section ComputeWorkloadAnalysis"
MET="--metrics smsp__inst_executed.sum,smsp__inst_executed_op_shared_ld.sum,smsp__inst_executed_op_shared_st.sum,smsp__inst_executed_op_global_ld.sum,smsp__inst_executed_op_global_st.sum,l1tex__data_pipe_lsu_wavefronts_mem_shared.sum,l1tex__data_pipe_lsu_wavefronts_mem_shared.avg.pct_of_peak_sustained_elapsed,l1tex__data_bank_conflicts_pipe_lsu_mem_shared.sum,sm__pipe_tensor_op_hmma_cycles_active.avg.pct_of_peak_sustained_active,smsp__warps_issue_stalled_barrier.avg,smsp__warps_issue_stalled_long_scoreboard.avg,smsp__warps_issue_stalled_short_scoreboard.avg,smsp__warps_issue_stalled_mio_throttle.avg,smsp__warps_issue_stalled_math_pipe_throttle.avg,smsp__warps_issue_stalled_wait.avg,smsp__warps_issue_stalled_lg_throttle.avg,smsp__warps_issue_stalled_not_selected.avg,smsp__warps_issue_stalled_selected.avg,smsp__warps_issue_stalled_dispatch_stall.avg,smsp__warps_issue_stalled_no_instruction.avg,smsp__warps_issue_stalled_membar.avg,smsp__warps_issue_stalled_drain.avg,smsp__warps_issue_stalled_imc_miss.avg,smsp__warps_issue_stalled_branch_resolving.avg,smsp__warps_issue_stalled_tex_throttle.avg,smsp__warps_issue_stalled_misc.avg,smsp__warps_issue_stalled_sleeping.avg,smsp__warps_active.avg"
PAT="smsp__|l1tex__|sm__pipe|Duration|Throughput|Registers|Occupancy|Warp Cycles|Issued|Eligible|Active Warps|Block Size|Grid Size|Shared Memory|Executed Ipc|No Eligible|Issue Slot"
for k in "bf16 13312" "f16 13312" "bf16 15360" "bf16 9216"; do
  set -- $k
  echo "== ncu $1 $2 16384 rows (default)"
  timeout 120 ncu --clock-control none --launch-skip 3 --launch-count 1 -k regex:outproj $SEC $MET \
    $B/walsh run --target cuda --d $2 --dtype $1 --rows 16384 2>&1 | grep -v "^==PROF==" | grep -E "$PAT"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run352.txt
