#!/usr/bin/env bash
# Device run 464 (2026-12-04), d8b36fa's bundle: what the affine costs the
# split layout with H_m on tensor cores (16-bit 9216 ... 30720 at 16384
# rows): (1) walsh-gpu, each default beside its form without a and b, two
# passes, every kernel checked first; (2) ncu of bf16 22528 and 30720
# with and without a and b (instruction mix, pipes, stalls); (3) the SASS
# of bf16 30720's two kernels.
set -u
cd /tmp && rm -rf walsh-bundle t464 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t464/r16384 --check-rows 257 --rows 16384
done
SEC="--section SpeedOfLight --section WarpStateStats --section SchedulerStats --section Occupancy --section LaunchStats"
MET="--metrics smsp__inst_executed.sum,smsp__inst_executed_op_shared_ld.sum,smsp__inst_executed_op_shared_st.sum,smsp__inst_executed_op_global_ld.sum,smsp__inst_executed_op_global_st.sum,smsp__inst_executed_pipe_tensor.sum,smsp__inst_executed_pipe_fma.sum,smsp__inst_executed_pipe_alu.sum,smsp__inst_executed_pipe_lsu.sum,smsp__inst_executed_pipe_fp16.sum,smsp__inst_executed_pipe_uniform.sum,smsp__inst_executed_pipe_xu.sum,sm__pipe_tensor_cycles_active.avg.pct_of_peak_sustained_active,smsp__warps_issue_stalled_barrier.avg,smsp__warps_issue_stalled_long_scoreboard.avg,smsp__warps_issue_stalled_short_scoreboard.avg,smsp__warps_issue_stalled_mio_throttle.avg,smsp__warps_issue_stalled_math_pipe_throttle.avg,smsp__warps_issue_stalled_wait.avg,smsp__warps_issue_stalled_lg_throttle.avg,smsp__warps_issue_stalled_not_selected.avg,smsp__warps_issue_stalled_selected.avg,smsp__warps_issue_stalled_dispatch_stall.avg,smsp__warps_issue_stalled_no_instruction.avg,smsp__warps_issue_stalled_membar.avg,smsp__warps_issue_stalled_misc.avg,smsp__warps_active.avg,dram__bytes_read.sum,dram__bytes_write.sum,lts__t_sector_hit_rate.pct"
PAT="smsp__|sm__|dram__|lts__|Duration|Throughput|Registers|Occupancy|Warp Cycles|Issued|Eligible|Active Warps|Block Size|Grid Size|Shared Memory|Executed Ipc|No Eligible|Issue Slot|Hit Rate"
for d in 22528 30720; do
  for aff in "" "--no-affine"; do
    echo "== ncu bf16 $d 16384 rows $aff"
    timeout 120 ncu --clock-control none --launch-skip 3 --launch-count 1 -k regex:outproj $SEC $MET \
      $B/walsh run --target cuda --d $d --dtype bf16 --rows 16384 $aff 2>&1 | grep -v "^==PROF==" | grep -E "$PAT"
  done
done
for k in outproj_d30720_bf16_sm_90 outproj_d30720_bf16_sm_90_noaff; do
  cuobjdump -sass /tmp/t464/r16384/$k.cubin > $OUT/$k.sass 2>&1
  echo "$k: $(grep -c '/\*[0-9a-f]*\*/' $OUT/$k.sass) SASS lines"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-affine-cost-split-mma-run464.txt
