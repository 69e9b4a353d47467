#!/usr/bin/env bash
# Device run 481 (2026-12-05, given inline): cuBLAS at 768, 4096, 16384 and
# the 65536-row 16-bit sizes below 0.90 in run475, on 183ae00's bundle.
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"; export WALSH_CACHE_DIR=/tmp/wc480; { date -u +%H:%M:%S; timeout 100 walsh bench --target cuda --sizes 768,4096,16384 --dtypes bf16 --rows 16384 --decode-rows 1,16 2>&1; echo "== 65536-row misses"; timeout 150 walsh bench --target cuda --sizes 1280,5632,6656,7168,7680 --dtypes bf16,f16 --rows 65536 --no-dense 2>&1; date -u +%H:%M:%S; } 2>&1 | tee $OUT/h200-bench-run481.txt
