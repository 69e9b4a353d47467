#!/usr/bin/env bash
# Device run 393 (2026-12-03): fp32 rows of a dense factor in bulk, the
# defaults (m values a thread: H_m's sign program in registers, the 2^k
# levels by shuffles and a shared-memory round trip a cross-warp level)
# against the split layout with shuffles (each thread 16-64 positions of
# one dense index, then H_m through shared memory), one configuration or
# two a size. Kernels compiled here (.device/conf.tar.xz: `walsh compile
# --target cuda --dtype f32 --rows 16384 [--elems-per-thread E
# --threads-per-row T --vector-width 4 --rows-per-block 1 --cross-warp
# shared]`); walsh-gpu checks each on 257 rows against float64, then times
# it beside a device-to-device copy of the same bytes: two passes at 16384
# rows, one at 65536.
set -u
cd /tmp && rm -rf walsh-bundle conf393 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/conf393 --check-rows 257 --rows 16384
done
echo "== 65536 rows"
timeout 200 $B/walsh-gpu /tmp/conf393 --check-rows 257 --rows 65536
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-f32-split-run393.txt
# ncu on the 13312 defaults (bf16: the split layout with H_m on tensor
# cores; fp32: 52 values a thread), where the time goes.
M=gpu__time_duration.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed,sm__inst_executed.sum,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active,smsp__warps_eligible.avg.per_cycle_active,launch__registers_per_thread,launch__grid_size,launch__block_size,l1tex__data_pipe_lsu_wavefronts_mem_shared.sum,smsp__inst_executed_pipe_lsu.sum,l1tex__data_bank_conflicts_pipe_lsu_mem_shared.sum,smsp__inst_executed_pipe_fma.sum,smsp__inst_executed_pipe_alu.sum,smsp__inst_executed_pipe_uniform.sum,sm__pipe_tensor_cycles_active.avg.pct_of_peak_sustained_active
{
for c in "13312 bf16" "13312 f32"; do
  set -- $c; k=/tmp/k393/$1$2; mkdir -p $k
  $B/walsh compile --target cuda --d $1 --dtype $2 --rows 16384 --out $k > /dev/null
  timeout 120 ncu --clock-control none --launch-skip 6 --launch-count 1 --section WarpStateStats --section SchedulerStats --metrics $M $B/walsh-gpu $k --rows 16384 --check-rows 257 --iters 5 > $OUT/ncu393-$1$2.txt 2>&1
  echo "ncu $c rc=$?"; grep -E 'duration|dram__|inst_executed|issue_active|warps_active|eligible|registers|grid_size|block_size|wavefronts|conflicts|tensor|Stall|stall' $OUT/ncu393-$1$2.txt | head -50
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-ncu-13312-run393.txt
