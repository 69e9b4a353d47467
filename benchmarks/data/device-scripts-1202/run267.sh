#!/usr/bin/env bash
# Device run 267 (2026-12-01): the same bf16 16384 cubin timed by walsh-gpu
# with 50 launches (its default) ran 1180-1185 us, `walsh run` /
# `walsh bench` (0.25 s of launches, 200 here) 1222-1244 us (run266). Is it
# the length of the timing (clocks under sustained load)? walsh-gpu at 25,
# 50, 200, 800 launches, nvidia-smi's SM clock and power sampled beside.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/bb && tar xJf .device/bb.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=clocks.sm,clocks.mem,power.draw,power.limit,temperature.gpu,clocks_throttle_reasons.active --format=csv
(for i in $(seq 1 60); do nvidia-smi --query-gpu=clocks.sm,power.draw,clocks_throttle_reasons.active --format=csv,noheader; sleep 0.25; done) > /tmp/smi.txt &
P=$!
for pass in 1 2; do
  for it in 25 50 200 800; do
    $B/walsh-gpu /tmp/bb/k --check-rows 257 --rows 65536 --iters $it 2>&1 | grep outproj | sed "s/^/pass $pass iters $it /"
  done
done
wait $P
sort /tmp/smi.txt | uniq -c | sort -rn | head -12
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run267.txt
