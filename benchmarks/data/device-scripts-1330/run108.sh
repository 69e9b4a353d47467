#!/usr/bin/env bash
# Device run 108 (2026-11-30): ncu on bf16 d = 16384 (the default, 0.79-0.80
# of the copy roofline at 16384 rows), 32768 (sixteen row groups over one
# prefetch buffer, 0.63) and 12288 (the split layout with shuffles that
# walsh tune chose in run107, 0.63): what holds them (issue activity,
# stall reasons). Then walsh tune over the large dense sizes (d = 10240 to
# 28672, 16384 and 65536 rows), 16-bit and fp32.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
M=gpu__time_duration.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed,sm__inst_executed.sum,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active,smsp__warps_eligible.avg.per_cycle_active,launch__registers_per_thread,launch__occupancy_limit_registers,launch__occupancy_limit_shared_mem,launch__grid_size,launch__block_size,l1tex__data_pipe_lsu_wavefronts_mem_shared.sum,smsp__inst_executed_pipe_lsu.sum,l1tex__data_bank_conflicts_pipe_lsu_mem_shared.sum
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k31.tar.xz -C /tmp/k
{
for n in d16384 d32768 d12288; do
  timeout 120 ncu --clock-control none --launch-skip 6 --launch-count 1 --section WarpStateStats --section SchedulerStats --metrics $M $B/walsh-gpu /tmp/k/$n --rows 16384 --check-rows 257 --iters 5 > $OUT/ncu108-$n.txt 2>&1
  echo "ncu $n rc=$?"; grep -E 'duration|dram__|inst_executed|issue_active|warps_active|eligible|registers|grid_size|block_size|occupancy|wavefronts|conflicts|Stall|stall' $OUT/ncu108-$n.txt | head -50
done
for dt in bf16 f16 f32; do
  WALSH_CACHE_DIR=/tmp/wc timeout 200 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype $dt --batch 4,16 --seq 4096 --heads 80,96,112,160,192,224 --head-dim 128 --json > $OUT/tune108-$dt.json
  python3 -c "import json,sys; j=json.load(open(sys.argv[1])); [print(s['dtype'], s['d'], s['rows'], s['config'], round(s['roofline_fraction'],3), s.get('speedup_vs_default')) for s in j['shapes']]" $OUT/tune108-$dt.json
done
} 2>&1 | tee $OUT/run108.txt
echo "done $(date -u)"
