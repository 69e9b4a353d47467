#!/usr/bin/env bash
# (Not run: the session's device time was spent ("too little device-machine
# time is left", 15:05 UTC), and the rule it would have timed was not
# taken: 7131018 moves neither 8192 nor 20480.)
# Device run 531 (2026-12-07, session 79): the two defaults the widened
# mmaRowsSkipL1 moves that run530 did not time, 16-bit 8192 (256 threads,
# 32 values a thread, vector_width 4) and 20480 (640, 32, 4): base3.flat
# (allocating loads, before the change) against new3.flat (the change's
# kernels), walsh-gpu checking each on 257 rows against float64 and timing
# it beside a device-to-device copy; passes base3 new3 new3 base3 at 16384
# and at 65536 rows.
set -u
cd /tmp && rm -rf walsh-bundle *.flat && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e5.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for r in 16384 65536; do
  for v in base3 new3 new3 base3; do
    echo "== $v, $r rows"
    timeout 60 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows $r
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run531.txt
