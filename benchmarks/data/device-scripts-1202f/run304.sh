#!/bin/bash
# run303's kernels that moved by 0.03 or more either way (and fp32 8192, 12288):
# WALSH_CARVEOUT=driver against =all, alternating, three passes at each row count.
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,power.draw --format=csv
for rows in 65536 16384; do
 for pass in 1 2 3; do
  vs="driver all"; [ $pass = 2 ] && vs="all driver"
  for v in $vs; do
   echo "== pass $pass rows $rows variant $v"; date -u +%H:%M:%S
   WALSH_CARVEOUT=$v walsh-gpu /tmp/sets/conf --check-rows 257 --rows $rows 2>&1 | grep -v "^$"
  done
 done
done
date -u +%H:%M:%S
