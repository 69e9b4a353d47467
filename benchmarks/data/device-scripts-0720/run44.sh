#!/usr/bin/env bash
# Device run 44 (2026-11-30): ncu on bf16 d = 4096 before and after the
# affine table (run 43's kernels), at 16384 rows (it gained) and 65536 (lost).
set -u
cd /tmp && rm -rf walsh-bundle v44 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v44.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
S=""
for r in long_scoreboard short_scoreboard barrier wait math_pipe_throttle mio_throttle lg_throttle not_selected dispatch_stall; do
  S="$S,smsp__average_warps_issue_stalled_${r}_per_issue_active.ratio"
done
M=gpu__time_duration.sum,sm__inst_executed.sum,launch__registers_per_thread,launch__grid_size,launch__occupancy_limit_shared_mem,launch__occupancy_limit_registers,dram__throughput.avg.pct_of_peak_sustained_elapsed,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active,l1tex__data_bank_conflicts_pipe_lsu_mem_shared.sum,l1tex__data_pipe_lsu_wavefronts_mem_shared.sum$S
for n in old-r16 new-r16 old-r65 new-r65; do R=16384; case $n in *r65) R=65536;; esac
  for skip in 6 20; do
  timeout 100 ncu --clock-control none --launch-skip $skip --launch-count 1 --metrics $M $B/walsh-gpu /tmp/v44/$n --rows $R --check-rows 257 --iters 30 > /tmp/ncu-$n.txt 2>&1
  echo "== $n skip $skip rc=$?"; grep -E 'duration|inst_exec|registers|grid_size|limit|dram|issue_active|warps_active|stalled|bank|wavefronts' /tmp/ncu-$n.txt | awk '{v=$NF; n=$1; sub(/smsp__average_warps_issue_stalled_/,"",n); sub(/_per_issue_active.ratio/,"",n); sub(/.avg.pct_of_peak_sustained_(active|elapsed)/,"",n); if (v+0 >= 0.1 || n ~ /duration|active|inst|reg|grid|limit|bank/) printf "%s=%s ", n, v} END {print ""}'
  done
done
echo "done $(date -u)"
