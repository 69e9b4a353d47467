#!/usr/bin/env bash
# Device run 281 (2026-12-02, the bundle of run279/280): ncu of the new
# bf16 12288 default (the split layout on tensor cores, one launch at 65536
# rows); walsh bench --sustain 1 of the new defaults (after a second of
# launches, the board's power cap).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/one12 && tar xJf .device/one12.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
timeout 100 ncu --clock-control none --launch-skip 4 --launch-count 1 \
    --section SpeedOfLight --section Occupancy --section WarpStateStats \
    --section InstructionStats --section SchedulerStats --section MemoryWorkloadAnalysis \
    $B/walsh-gpu /tmp/one12 --check-rows 257 --rows 65536 --iters 5 2>&1 | grep -v "^==PROF==" | grep -E "Duration|Throughput|Executed Ipc|Issued Warp|Warp Cycles Per Issued|Registers|Achieved Occupancy|Theoretical Occupancy|Block Limit|Stall|stalled|Executed Instructions  |Eligible|Active Warps|L2 Hit|L1/TEX Hit|Mem Pipes|Max Bandwidth"
date -u +%H:%M:%S
$B/walsh bench --target cuda --sizes 6144,12288 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none --no-dense --sustain 1 2>&1 | tail -12
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run281.txt
