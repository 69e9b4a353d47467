#!/bin/bash
# Why the carveout loses at bf16 4096 (row groups), bf16 8192, bf16 12288: ncu's shared-memory
# configuration and block limits with the driver's choice, with =all, and with =all plus an
# 8 KB margin a block (throwaway WALSH_EXP_CARVEOUT_MARGIN); then run304's kernels timed
# with the margin against the driver's choice, two passes at each row count.
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
for k in outproj_d4096_bf16_e64t64r2v8xi4_sm_90 outproj_d8192_bf16_sm_90 outproj_d12288_bf16_sm_90 outproj_d10240_f32_sm_90; do
 rm -rf /tmp/one && mkdir -p /tmp/one && cp /tmp/sets/conf/$k.* /tmp/one/
 for v in driver all margin; do
  echo "== ncu $k $v"
  if [ $v = margin ]; then export WALSH_EXP_CARVEOUT_MARGIN=8192; cv=all; else unset WALSH_EXP_CARVEOUT_MARGIN; cv=$v; fi
  WALSH_CARVEOUT=$cv timeout 100 ncu --clock-control none --launch-skip 4 --launch-count 1 --section SpeedOfLight --section LaunchStats --section Occupancy \
    walsh-gpu /tmp/one --check-rows 257 --rows 65536 --iters 5 2>&1 | grep -E "Duration|Configuration Size|Block Limit Shared|Block Limit Reg|Achieved Occupancy|Theoretical Occupancy|L1/TEX Hit"
 done
done
unset WALSH_EXP_CARVEOUT_MARGIN
for rows in 65536 16384; do
 for pass in 1 2; do
  vs="driver margin"; [ $pass = 2 ] && vs="margin driver"
  for v in $vs; do
   echo "== pass $pass rows $rows variant $v"
   if [ $v = margin ]; then export WALSH_EXP_CARVEOUT_MARGIN=8192; cv=all; else unset WALSH_EXP_CARVEOUT_MARGIN; cv=driver; fi
   WALSH_CARVEOUT=$cv walsh-gpu /tmp/sets/conf --check-rows 257 --rows $rows 2>&1 | grep -v "^$"
  done
 done
done
date -u +%H:%M:%S
