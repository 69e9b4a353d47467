#!/bin/bash
# The shared-memory carveout (throwaway WALSH_EXP_CARVEOUT in GpuKernel.cpp's loadOn):
# the driver's choice (unset), 'auto' (the least that holds the blocks the occupancy
# calculator allows), 100 (the most shared memory, the least L1).
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,power.draw --format=csv
for pass in 1 2 3; do
 rows=65536; [ $pass = 2 ] && rows=16384
 vs="default auto 100"; [ $pass = 3 ] && vs="100 auto default"
 for v in $vs; do
   echo "== pass $pass rows $rows variant $v"
   if [ $v = default ]; then unset WALSH_EXP_CARVEOUT; else export WALSH_EXP_CARVEOUT=$v; fi
   walsh-gpu /tmp/sets/cv --check-rows 257 --rows $rows 2>&1 | grep -v "^$" | grep -v "carveout.*occupancy" 
 done
done
unset WALSH_EXP_CARVEOUT
mkdir -p /tmp/one && cp /tmp/sets/cv/outproj_d7680_f32_sm_90.* /tmp/one/
for v in default auto; do
  echo "== ncu $v f32 7680"
  if [ $v = default ]; then unset WALSH_EXP_CARVEOUT; else export WALSH_EXP_CARVEOUT=$v; fi
  timeout 120 ncu --clock-control none --launch-skip 4 --launch-count 1 --section SpeedOfLight --section MemoryWorkloadAnalysis --section LaunchStats --section Occupancy \
     walsh-gpu /tmp/one --check-rows 257 --rows 65536 --iters 5 2>&1 | grep -E "Throughput|Hit Rate|Configuration Size|Block Limit|Achieved Occupancy|Duration|carveout" | head -30
done
