#!/usr/bin/env bash
# Device run 111 (2026-11-30): the register cap for rows of one lane of 60
# (52) values in 128-thread blocks (d = 480, 960, 1920, 7680; 1664; and
# 416, 6656 as controls whose default already takes 168 registers): the
# default PTX as compiled, and with .minnctapersm 3 (_c3: 168 registers,
# 116-172 bytes of spills at m = 60) and 4 (_c4: 128 registers, 120-648
# bytes), fp32 and bf16. Each checked on 257 rows, timed at 65536 rows
# (two passes) and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k34.tar.xz -C /tmp/k
{
timeout 150 $B/walsh-gpu /tmp/k/r --check-rows 257 --rows 65536
timeout 150 $B/walsh-gpu /tmp/k/r --check-rows 257 --rows 65536
timeout 150 $B/walsh-gpu /tmp/k/r --check-rows 257 --rows 16384
} 2>&1 | tee $OUT/run111.txt
echo "done $(date -u)"
