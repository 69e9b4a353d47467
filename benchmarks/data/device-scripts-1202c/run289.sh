#!/usr/bin/env bash
# Device run 289 (2026-12-02): d = 40960 and 49152 (past 32768, where the
# default had asked for more than 1024 threads; now 64 values a thread),
# every dtype, with and without a and b, compiled on the VM: checked by
# walsh-gpu (257 rows, packed and strided, float64) and timed once.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/big && tar xJf .device/big.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
$B/walsh-gpu /tmp/big --check-rows 257 --rows 16384 2>&1 | grep "outproj\|FAIL\|rror"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run289.txt
