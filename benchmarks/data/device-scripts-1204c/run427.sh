#!/usr/bin/env bash
# Device run 427 (2026-12-04), the final compiler's bundle (the
# dense-index transpose also for a pair of positions a thread, the fp32
# defaults at 12288, 20480 and 28672 moved to it): (1) the conformance
# kernels whose PTX moved since run425's set (tests/gpu/gpu-conformance.sh
# build/bin --compile-only, those whose PTX differs from conf425:
# conf427c), each checked against float64 on 257 rows; (2) `walsh bench`
# through the JIT over every fp32 d past 8192 at 16384 rows (as run414)
# and the three moved sizes at 65536 rows, each kernel checked first.
set -u
cd /tmp && rm -rf walsh-bundle conf427c && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (moved kernels)"
timeout 100 $B/walsh-gpu /tmp/conf427c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
echo "== walsh bench, 16384 rows"
timeout 240 $B/walsh bench --target cuda --sizes 8193-32768 --dtypes f32 --rows 16384 --decode-rows none
echo "== walsh bench, 65536 rows"
timeout 200 $B/walsh bench --target cuda --sizes 12288,20480,28672 --dtypes f32 --rows 65536 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-dense-transpose-pairs-final-run427.txt
