#!/usr/bin/env bash
# Device run 204 (2026-12-01): the CPU prefetch into L2 on the H200 host's
# Sapphire Rapids (before = .device/before.tar.xz, the build before it;
# after = the bundle), side by side, alternating; then the SASS of four
# 16-bit bulk GPU defaults and ncu on bf16 8192 (what the affine costs).
set -u
cd /tmp && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/before.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
echo "host: $(lscpu | grep 'Model name')"; date -u
for p in 1 2; do
  for v in before after; do
    echo "== $v pass $p"
    if [ $v = before ]; then W="env LD_LIBRARY_PATH=/tmp/before/lib:/tmp/walsh-bundle/lib /tmp/before/bin/walsh"; else W=$B/walsh; fi
    timeout 150 $W bench --target cpu --sizes 256,1024,4096,16384,3072,8192 --dtypes f32 --threads 1,2 --no-dense 2>&1 | grep -E '^(f32|dtype)'
  done
done
date -u
} 2>&1 | tee $OUT/run204.txt
mkdir -p $OUT/sass
for c in "8192 bf16 65536" "4096 bf16 65536" "16384 bf16 16384" "6144 bf16 65536" "8192 f32 65536"; do
  set -- $c
  $B/walsh inspect --target cuda --d $1 --dtype $2 --rows $3 --stage sass > $OUT/sass/d$1-$2-r$3.sass 2>&1; echo "sass $c rc=$?"
done
M=gpu__time_duration.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed,sm__inst_executed.sum,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active,smsp__warps_eligible.avg.per_cycle_active,launch__registers_per_thread,launch__occupancy_limit_registers,launch__occupancy_limit_shared_mem,launch__grid_size,launch__block_size,l1tex__data_pipe_lsu_wavefronts_mem_shared.sum,smsp__inst_executed_pipe_lsu.sum,l1tex__data_bank_conflicts_pipe_lsu_mem_shared.sum,smsp__inst_executed_pipe_fma.sum,smsp__inst_executed_pipe_alu.sum
rm -rf /tmp/k && mkdir -p /tmp/k/b8 /tmp/k/b8n
$B/walsh compile --target cuda --d 8192 --dtype bf16 --rows 65536 --out /tmp/k/b8 > /dev/null
$B/walsh compile --target cuda --d 8192 --dtype bf16 --rows 65536 --no-affine --out /tmp/k/b8n > /dev/null 2>&1 || echo "no --no-affine"
for n in b8 b8n; do
  ls /tmp/k/$n | head -2
  timeout 120 ncu --clock-control none --launch-skip 6 --launch-count 1 --section WarpStateStats --section SchedulerStats --metrics $M $B/walsh-gpu /tmp/k/$n --rows 65536 --check-rows 257 --iters 5 > $OUT/ncu204-$n.txt 2>&1
  echo "ncu $n rc=$?"; grep -E 'duration|dram__|inst_executed|issue_active|warps_active|eligible|registers|grid_size|block_size|occupancy|wavefronts|conflicts|Stall|stall' $OUT/ncu204-$n.txt | head -50
done 2>&1 | tee -a $OUT/run204.txt
echo "done $(date -u)"
