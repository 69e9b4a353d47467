#!/usr/bin/env bash
# Device run 310 (2026-12-02): split-hm-prototype.cu with the stores staged
# by stmatrix (its main() as committed with this script), then ncu of its
# first variant (hi-ar-st 13312).
set -u
B=/tmp/walsh-bundle/bin
SEC="--section SpeedOfLight --section Occupancy --section WarpStateStats --section InstructionStats --section SchedulerStats --section MemoryWorkloadAnalysis --section LaunchStats"
PAT="Duration|Throughput|Executed Ipc|Issued Warp|Warp Cycles Per Issued|Registers|Achieved Occupancy|Theoretical Occupancy|Block Limit|Stall|stalled|Executed Instructions  |Eligible|Active Warps|L2 Hit|L1/TEX Hit|Mem Pipes|Max Bandwidth|Shared Memory Configuration"
{
date -u +%H:%M:%S
echo "== prototype"
timeout 240 ./.device/hmproto
date -u +%H:%M:%S
echo "== ncu prototype hi-ar-st 13312"
timeout 120 ncu --clock-control none -k regex:splitHm --launch-skip 4 --launch-count 1 $SEC ./.device/hmproto 2>&1 | grep -v "^==PROF==" | grep -E "$PAT"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run310.txt
