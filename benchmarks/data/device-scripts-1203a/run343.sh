#!/usr/bin/env bash
# Device run 343 (2026-12-03): build-343.sh's sets. (1) run342's: the
# split's defaults at 256, 1024 and 4096 rows beside the old defaults
# (walsh-gpu, every kernel checked on 257 rows, two passes); (2) bf16
# 32768's row-group variants at 16384 and 65536 rows; (3) ncu of the bf16
# and fp32 32768 defaults (the same layout: 0.68 against 0.90).
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader
for pass in 1 2; do
  for dt in bf16 f16; do
    for rows in 256 1024 4096; do
      timeout 60 $B/walsh-gpu /tmp/sets/r$rows-$dt --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$rows' p'$pass' " $0}'
    done
  done
  for rows in 16384 65536; do
    timeout 90 $B/walsh-gpu /tmp/sets/x32768 --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$rows' p'$pass' " $0}'
  done
done
date -u +%H:%M:%S
SEC="--section SpeedOfLight --section WarpStateStats --section Occupancy --section LaunchStats --section ComputeWorkloadAnalysis --metrics smsp__inst_executed.sum,smsp__inst_executed_op_shared_ld.sum,smsp__inst_executed_op_shared_st.sum,smsp__inst_executed_op_global_ld.sum,smsp__inst_executed_op_ldgsts.sum,l1tex__data_bank_conflicts_pipe_lsu_mem_shared_op_ld.sum,l1tex__data_bank_conflicts_pipe_lsu_mem_shared_op_st.sum"
PAT="Duration|Throughput|inst_executed|bank_conflicts|Registers|Occupancy|Stall|Warp Cycles|Issued|Eligible|Active Warps|Block Size|Grid Size|Shared Memory|Pipe|Executed Ipc"
for dt in bf16 f32; do
  echo "== ncu $dt 32768 16384 rows (default)"
  timeout 120 ncu --clock-control none --launch-skip 3 --launch-count 1 -k regex:outproj $SEC \
    $B/walsh run --target cuda --d 32768 --dtype $dt --rows 16384 2>&1 | grep -v "^==PROF==" | grep -E "$PAT"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run343.txt
