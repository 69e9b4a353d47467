#!/usr/bin/env bash
# Device run 269 (2026-12-01, the build of 2b800cd): the sustained clocks.
# walsh bench over a subset (bf16 and fp32, 1024 ... 32768, 65536 and 16384
# rows, cuBLAS) as it times by default (0.25 s a timing) and with
# --sustain 1 (each time after 1 s of untimed launches), side by side;
# walsh-gpu's new default timing and --sustain on the same cubins as run267.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/bb && tar xJf .device/bb.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
S=1024,2048,4096,5632,8192,16384,32768
{
date -u +%H:%M:%S
echo "== walsh-gpu: default timing, then --sustain 1"
$B/walsh-gpu /tmp/bb/k --check-rows 257 --rows 65536 2>&1 | grep outproj
$B/walsh-gpu /tmp/bb/k --check-rows 257 --rows 65536 --sustain 1 2>&1 | grep outproj
date -u +%H:%M:%S
echo "== walsh bench (0.25 s a timing)"
$B/walsh bench --target cuda --sizes $S --dtypes bf16,f32 --rows 65536,16384 --decode-rows none 2>&1 | grep -E "^(bf16|f32) "
date -u +%H:%M:%S
echo "== walsh bench --sustain 1"
$B/walsh bench --target cuda --sizes $S --dtypes bf16,f32 --rows 65536,16384 --decode-rows none --sustain 1 2>&1 | grep -E "^(bf16|f32) |^Each time"
date -u +%H:%M:%S
echo "== walsh run --sustain 0.5 --json"
$B/walsh run --target cuda --d 4096 --dtype bf16 --rows 65536 --sustain 0.5 --json 2>&1 | grep -E '"(time_us|copy_us|roofline_fraction|sustain_s)"'
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run269.txt
