#!/usr/bin/env bash
# Device run 297 (2026-12-02): the build of the final compiler. The GPU
# conformance jobs whose kernels the changes after run291 touch (the set
# compiled on the VM by tests/gpu/gpu-conformance.sh --compile-only, the
# 16-bit tensor-core kernels of d = 96 ... 896 at 2^k = 8, 16, 32 and of
# 3840, 6656, 7680 selected: /tmp/sel), checked; walsh bench of the sizes
# whose defaults changed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/sel && tar xJf .device/sel.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
$B/walsh-gpu /tmp/sel --check-rows 257 --no-time 2>&1 | grep "outproj\|FAIL\|rror"
echo "== walsh bench"
$B/walsh bench --target cuda --sizes 96,160,224,288,352,416,480,3840,6656,7680 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1 | grep "^bf16\|^f16"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run297.txt
