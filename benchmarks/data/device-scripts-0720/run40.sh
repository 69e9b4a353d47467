#!/usr/bin/env bash
# Device run 40 (2026-11-30): where the bf16 kernels that miss the roofline
# spend their issue slots. SASS instruction counts (cuobjdump), then ncu
# (clocks left alone) on one timed launch of each, then walsh-gpu's timing.
set -u
cd /tmp && rm -rf walsh-bundle v40 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v40.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u; nvidia-smi --query-gpu=name,driver_version,clocks.sm --format=csv
for k in /tmp/v40/*/; do
  n=$(basename $k); c=$(ls $k/*.cubin)
  cuobjdump --dump-sass $c > $OUT/sass-$n.txt 2>&1
  echo "$n sass=$(grep -cE '^\s+/\*[0-9a-f]{4}\*/' $OUT/sass-$n.txt)"
done
M=gpu__time_duration.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed,sm__inst_executed.sum,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active,smsp__warps_eligible.avg.per_cycle_active,launch__occupancy_limit_registers,launch__registers_per_thread,launch__occupancy_limit_shared_mem,sm__maximum_warps_per_active_cycle_pct
for k in /tmp/v40/*/; do
  n=$(basename $k); R=65536; case $n in bhsd|rsum) R=16384;; esac
  timeout 120 ncu --clock-control none --launch-skip 6 --launch-count 1 --section WarpStateStats --section SchedulerStats --metrics $M $B/walsh-gpu $k --rows $R --check-rows 257 --iters 5 > $OUT/ncu-$n.txt 2>&1
  echo "ncu $n rc=$?"; grep -E 'duration|dram__|inst_executed|issue_active|warps_active|eligible|registers|Stall|stall' $OUT/ncu-$n.txt | head -20
done
: > $OUT/time.txt
for k in /tmp/v40/*/; do n=$(basename $k); R=65536; case $n in bhsd|rsum) R=16384;; esac; timeout 60 $B/walsh-gpu $k --rows $R --check-rows 257 >> $OUT/time.txt 2>&1; done
grep -E 'roofline|PASS|FAIL' $OUT/time.txt | head -40
echo "done $(date -u)"
