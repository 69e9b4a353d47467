#!/usr/bin/env bash
# Device run 293 (2026-12-02): bf16 H_m on tensor cores with stage 2 from
# one piece for m <= 28 at 16 and 32 positions as well (the build), and
# f16 rows to bf16 wherever that kernel takes one piece: build-s4.sh's
# kernels checked on 257 rows (float64, output poisoned); walsh bench of
# the changed bf16 sizes (cuBLAS beside).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/s4 && tar xJf .device/s4.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
echo "== every form, checked"
for v in $(cd /tmp/s4 && ls -d *); do
  $B/walsh-gpu /tmp/s4/$v --check-rows 257 --no-time 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|$v |"
done
echo "== walsh bench"
$B/walsh bench --target cuda --sizes 192,320,384,448,640,896 --dtypes bf16 --rows 65536,16384 --decode-rows none 2>&1 | grep -v "^device"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run293.txt
