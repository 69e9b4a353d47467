#!/usr/bin/env bash
# Device run 532 (written 2026-12-07, session 79, for an H200; not run):
# the split layout's row loads without L1 lines (mmaRowsSkipL1, 7131018)
# on the card issue 4's targets are measured on, where runs 528-530 timed
# them only on an H100. Kernels from make-run532-flats.sh (base: c28bad0's
# compiler; new: the checkout's), 16-bit defaults 6144 ... 32768:
# walsh-gpu checks each on 257 rows against float64 and times it beside a
# device-to-device copy; passes base new new base at 16384 rows, base new
# at 65536. On an H100 (run530) 7168 ... 16384 gained 0.05-0.08 and 28672
# 0.16-0.17 at 16384 rows; 8192, 10240, 12288 and 20480 are unchanged by
# the rule (their base and new PTX the same), here as their neighbours'
# controls.
set -u
cd /tmp && rm -rf walsh-bundle *.flat && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e6.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for v in base new new base; do
  echo "== $v, 16384 rows"
  timeout 120 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows 16384
done
for v in base new; do
  echo "== $v, 65536 rows"
  timeout 150 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows 65536
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run532.txt
