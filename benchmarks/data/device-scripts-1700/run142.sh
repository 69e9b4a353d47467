#!/usr/bin/env bash
# Device run 142 (2026-11-30): walsh bench with cuBLAS timed last (run141's
# fix) over the 16-bit sizes whose 16384-row figures earlier benches took
# right after a cuBLAS product: two invocations, so that a timeout loses
# one (the table prints at the end).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%T
stdbuf -oL -eL timeout 90 $B/walsh bench --target cuda --sizes 768,1152,1280,1536,1792,1920,2304,2560,2816,3072,3584,3840 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
stdbuf -oL -eL timeout 100 $B/walsh bench --target cuda --sizes 5632,6144,6656,7680,8192,10240,12288,16384,32768 --dtypes bf16,f16 --rows 16384,65536 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run142.txt
