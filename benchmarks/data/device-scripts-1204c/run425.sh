#!/usr/bin/env bash
# Device run 425 (2026-12-04), the final compiler's bundle (the
# dense-index transpose, the fp32 defaults at 5120, 7168, 10240, 14336 and
# 26624 moved to it): (1) the conformance kernels whose PTX moved since
# run424's set (tests/gpu/gpu-conformance.sh build/bin --compile-only,
# those whose PTX differs from conf424: conf425c), each checked against
# float64 on 257 rows; (2) `walsh bench` through the JIT over every fp32 d
# past 8192 at 16384 rows (as run414) and the fp32 sizes from 3584 to
# 7680 the form touches at 65536 rows, each kernel checked first.
set -u
cd /tmp && rm -rf walsh-bundle conf425c && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (moved kernels)"
timeout 100 $B/walsh-gpu /tmp/conf425c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
echo "== walsh bench, 16384 rows"
timeout 240 $B/walsh bench --target cuda --sizes 8193-32768 --dtypes f32 --rows 16384 --decode-rows none
echo "== walsh bench, 65536 rows"
timeout 200 $B/walsh bench --target cuda --sizes 3584,4608,5120,5632,6656,7168,7680 --dtypes f32 --rows 65536 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-dense-transpose-final-run425.txt
