#!/usr/bin/env bash
# Device run 263 (2026-12-01): the split layout's piece width V2
# (build-v2t.sh -> .device/v2t.tar.xz), walsh-gpu, 65536 and 16384 rows,
# two passes; then ncu (one launch at 65536 rows) of bf16 12288 at V2 = 4
# and 8, the fp32 7680 and bf16 32768 defaults.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/v2t && tar xJf .device/v2t.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for pass in 1 2; do
  for v in v1 v2 v4 v8; do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/v2t/$v --check-rows 257 --rows $rows 2>&1 | grep outproj | sed "s/^/pass $pass $v /"
    done
  done
done
date -u +%H:%M:%S
mkdir -p /tmp/one
for k in v4/outproj_d12288_bf16_sm_90 v8/outproj_d12288_bf16_sm_90 p7680/outproj_d7680_f32_sm_90 p32768/outproj_d32768_bf16_e128t256r1v8xi16_sm_90; do
  rm -rf /tmp/one/* && cp /tmp/v2t/$k.* /tmp/one/
  echo "== ncu $k"
  timeout 150 ncu --clock-control none --launch-skip 4 --launch-count 1 \
    --section SpeedOfLight --section Occupancy --section WarpStateStats \
    --section InstructionStats --section SchedulerStats --section MemoryWorkloadAnalysis \
    $B/walsh-gpu /tmp/one --check-rows 257 --rows 65536 --iters 5 2>&1 | grep -v "^==PROF==" | grep -E "Duration|Throughput|Executed Ipc|Issued Warp|Warp Cycles Per Issued|Registers|Achieved Occupancy|Theoretical Occupancy|Block Limit|Stall|stalled|Executed Instructions  |Eligible|Active Warps|L2 Hit|L1/TEX Hit|Mem Pipes|Max Bandwidth"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run263.txt
