#!/usr/bin/env bash
# Device run 268 (2026-12-01): why a longer timing reads the same kernel
# slower (run267): nvidia-smi's SM clock, power and clock-event reasons
# sampled every 50 ms while walsh-gpu times bf16 16384 (65536 rows) with 25
# and 800 launches, and the copy after each.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/bb && tar xJf .device/bb.tar.xz -C /tmp
mkdir -p /tmp/k16 && cp /tmp/bb/k/outproj_d16384_bf16_sm_90.* /tmp/k16/
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S.%N
nvidia-smi --query-gpu=timestamp,clocks.sm,clocks.mem,power.draw,temperature.gpu,temperature.memory,clocks_event_reasons.active --format=csv -lms 50 > $OUT/run268-smi.csv &
P=$!
sleep 1
for it in 25 800 25; do
  date -u +%H:%M:%S.%N
  $B/walsh-gpu /tmp/k16 --check-rows 257 --rows 65536 --iters $it 2>&1 | grep outproj | sed "s/^/iters $it /"
done
date -u +%H:%M:%S.%N
sleep 1
kill $P
nvidia-smi -q -d PERFORMANCE,POWER | head -60
} 2>&1 | tee $OUT/run268.txt
