#!/usr/bin/env bash
# Device run 270 (2026-12-01, the build of 36a0a7d): the sustained clocks
# again, each sustained time now the median over as long as the sustaining
# (1 s: up to 100000 calls) rather than 200 calls: walsh bench --sustain 1
# over run269's subset (bf16 and fp32, 1024 ... 32768, 65536 and 16384 rows,
# cuBLAS), then the default timing of the same for the side-by-side; nvidia-
# smi's clock and power sampled every 100 ms throughout.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
S=1024,2048,4096,5632,8192,16384,32768
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu,clocks_event_reasons.active --format=csv -lms 100 > $OUT/run270-smi.csv &
P=$!
echo "== walsh bench --sustain 1"
$B/walsh bench --target cuda --sizes $S --dtypes bf16,f32 --rows 65536,16384 --decode-rows none --sustain 1 2>&1 | grep -E "^(bf16|f32) |^Each time"
date -u +%H:%M:%S
echo "== walsh bench (0.25 s a timing)"
$B/walsh bench --target cuda --sizes $S --dtypes bf16,f32 --rows 65536,16384 --decode-rows none 2>&1 | grep -E "^(bf16|f32) "
date -u +%H:%M:%S
kill $P
} 2>&1 | tee $OUT/run270.txt
