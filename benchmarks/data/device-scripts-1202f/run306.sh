#!/bin/bash
# The carveout rule (the least capacity that holds the blocks) against the driver's choice over every bulk default (build-sweep.sh).
# $1: 65536 or 16384 (d <= 8192 at 65536 rows).
rows=$1
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,power.draw --format=csv
set=/tmp/sets/s65; [ $rows = 16384 ] && set=/tmp/sets/s16
vs="driver rule"; [ $rows = 16384 ] && vs="rule driver"
for v in $vs; do
  echo "== pass 1 rows $rows variant $v"; date -u +%H:%M:%S
  WALSH_CARVEOUT=$v walsh-gpu $set --check-rows 257 --rows $rows 2>&1 | grep -v "^$"
done
date -u +%H:%M:%S
