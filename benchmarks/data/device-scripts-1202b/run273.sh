#!/usr/bin/env bash
# Device run 273 (2026-12-02): warp-local transposes. The kernels whose PTX
# the change moves (build-ws.sh: b/ before, a/ after), the shuffle
# defaults they compete with (ref/), and layouts it may favour (x*/):
# walsh-gpu, every kernel checked on 257 rows, two passes, 65536 and 16384
# rows; then ncu of bf16 12288 through transposes (after) and its default.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/send && tar xJf .device/ws.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for v in pack/b pack/a pack/ref x/x1 x/x3 x/x4 x/x5 x/x6 x/x7 x/x8; do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/send/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
  date -u +%H:%M:%S
done
mkdir -p /tmp/one
for k in pack/a/outproj_d12288_bf16_e32t384r1v8x_sm_90 pack/ref/outproj_d12288_bf16_sm_90; do
  rm -rf /tmp/one/* && cp /tmp/send/$k.* /tmp/one/
  echo "== ncu $k"
  timeout 100 ncu --clock-control none --launch-skip 4 --launch-count 1 \
    --section SpeedOfLight --section Occupancy --section WarpStateStats \
    --section InstructionStats --section SchedulerStats --section MemoryWorkloadAnalysis \
    $B/walsh-gpu /tmp/one --check-rows 257 --rows 65536 --iters 5 2>&1 | grep -v "^==PROF==" | grep -E "Duration|Throughput|Executed Ipc|Issued Warp|Warp Cycles Per Issued|Registers|Achieved Occupancy|Theoretical Occupancy|Block Limit|Stall|stalled|Executed Instructions  |Eligible|Active Warps|L2 Hit|L1/TEX Hit|Mem Pipes|Max Bandwidth"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run273.txt
