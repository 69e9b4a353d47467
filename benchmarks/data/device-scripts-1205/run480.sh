#!/usr/bin/env bash
# Device run 480 (2026-12-05, given inline): walsh bench --cache and a short
# cuBLAS bench on 183ae00's bundle (their tails kept; run481 has the bench
# whole).
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"; export WALSH_CACHE_DIR=/tmp/wc480; { date -u +%H:%M:%S; echo "== walsh bench --cache"; timeout 90 walsh bench --cache 2>&1 | tail -12; echo "== walsh bench cuda"; timeout 150 walsh bench --target cuda --sizes 768,4096,16384 --dtypes bf16 --rows 16384 --decode-rows 1,16 2>&1 | tail -12; date -u +%H:%M:%S; } 2>&1 | tee $OUT/h200-cache-bench-run480.txt
