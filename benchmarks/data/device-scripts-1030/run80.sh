#!/usr/bin/env bash
# Device run 80 (after 79, the same kernels): the stall reasons per issued
# instruction (smsp__average_warps_issue_stalled_*).
# Device run 79 (2026-11-30): ncu on bf16 d = 3072 with one warp a row
# (w1, the default) and two (w2), and on 5120 with two (w2b), 65536 rows:
# where two warps a row lose (stall reasons, issue activity).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
S=; for r in barrier long_scoreboard short_scoreboard mio_throttle lg_throttle wait math_pipe_throttle membar dispatch_stall no_instruction imc_miss branch_resolving selected not_selected drain tex_throttle; do S=$S,smsp__average_warps_issue_stalled_${r}_per_issue_active.ratio; done
M=gpu__time_duration.sum$S,dram__throughput.avg.pct_of_peak_sustained_elapsed,sm__inst_executed.sum,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active,smsp__warps_eligible.avg.per_cycle_active,launch__registers_per_thread,launch__occupancy_limit_registers,launch__occupancy_limit_shared_mem,launch__grid_size
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k79.tar.xz -C /tmp/k
for n in w1 w2 w2b; do
  timeout 120 ncu --clock-control none --launch-skip 6 --launch-count 1 --section WarpStateStats --section SchedulerStats --metrics $M $B/walsh-gpu /tmp/k/$n --rows 65536 --check-rows 257 --iters 5 > $OUT/ncu80-$n.txt 2>&1
  echo "ncu $n rc=$?"; grep -E 'stalled' $OUT/ncu80-$n.txt | awk '{print $1, $NF}' | sort -k2 -g -r | head -8
done 2>&1 | tee $OUT/run80.txt
echo "done $(date -u)"
