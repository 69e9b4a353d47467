#!/usr/bin/env bash
# Device run 65 (2026-11-30): one row a block for every dense factor over
# 64 threads, fp32 too: the 14 conformance kernels it changed (fp32 d =
# 1536, 2304, 2560, 2816, 3328, 3584, 3840, affine on and off) checked on
# 257 rows and timed at 65536 rows, old (two rows a block) and new, twice;
# walsh bench for fp32 1536 / 2560 / 3072 / 3584.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
rm -rf /tmp/k65new /tmp/k65old && tar xJf .device/k65.tar.xz -C /tmp
for i in 1 2; do for k in k65old k65new; do echo "== $k pass $i"; $B/walsh-gpu /tmp/$k --check-rows 257 --rows 65536 2>&1 | tail -14; done; done | tee $OUT/k65.txt
timeout 200 $B/walsh bench --target cuda --sizes 1536,2560,3072,3584 --dtypes f32 --decode-rows 1,16 2>&1 | tee $OUT/bench-f32.txt
echo "done $(date -u)"
