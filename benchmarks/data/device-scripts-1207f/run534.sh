#!/usr/bin/env bash
# Device run 534 (2026-12-07, session 80; run531 of session 79 made
# again): the split layout's row loads without L1 lines on the four 16-bit
# defaults mmaRowsSkipL1 leaves allocating that a clause "without H_m on
# tensor cores, from 32 values a thread" (9e7d92b) would move: 8192
# (256 threads, 32 values, vector_width 4), 10240 (320), 12288 (384),
# 20480 (640). Kernels from make-run534-flats.sh (base: the checkout's
# compiler; wide: with that clause), their defaults at 16384 and 65536
# rows; walsh-gpu checks each on 257 rows against float64 and times it
# beside a device-to-device copy, passes base wide wide base. On an H100
# (run530, forced) 10240 and 12288 gained 0.05-0.06 at 16384 rows; 8192
# and 20480 were never timed so.
set -u
cd /tmp && rm -rf walsh-bundle *.flat && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e7.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for r in 16 65; do
  for v in base wide wide base; do
    echo "== $v, ${r} rows"
    timeout 90 $B/walsh-gpu /tmp/$v$r.flat --check-rows 257 --rows $((r == 16 ? 16384 : 65536))
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run534.txt
