#!/usr/bin/env bash
# Device run 276 (2026-12-02): the split-layout tensor-core prototype's
# second round (split-mma-prototype.cu as committed with this script:
# without the lo half, two dense indices a warp), walsh's defaults beside
# it; ncu of the 12288 variant without lo.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/cl && tar xJf .device/cl.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
echo "== prototype"
timeout 200 ./.device/proto
echo "== walsh defaults"
for rows in 65536 16384; do $B/walsh-gpu /tmp/cl/wref --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror"; done
date -u +%H:%M:%S
echo "== ncu 12288 without lo"
timeout 120 ncu --clock-control none -k regex:"splitMmaILi12ELi1024ELb1ELi2ELi2ELi1ELb0E" --launch-skip 4 --launch-count 1 \
    --section SpeedOfLight --section Occupancy --section WarpStateStats \
    --section InstructionStats --section SchedulerStats --section MemoryWorkloadAnalysis \
    ./.device/proto 2>&1 | grep -v "^==PROF==" | grep -E "Duration|Throughput|Executed Ipc|Issued Warp|Warp Cycles Per Issued|Registers|Achieved Occupancy|Theoretical Occupancy|Block Limit|Stall|stalled|Executed Instructions  |Eligible|Active Warps|L2 Hit|L1/TEX Hit|Mem Pipes|Max Bandwidth"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run276.txt
