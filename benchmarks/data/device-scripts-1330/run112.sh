#!/usr/bin/env bash
# Device run 112 (2026-11-30): the register cap for rows of 60 values a
# thread (m = 60, one lane) generalised from 64-thread rows to 128-thread
# blocks (about 170 registers). The 36 conformance kernels whose PTX it
# moves (d = 60, 120, 240, 480, 960, 7680 x 3 dtypes x affine on/off),
# checked (conf/). Side by side, the sizes run111 did not time (d = 60, 120,
# 240 in every dtype; f16 480, 960, 7680) against their old PTX (_old),
# 65536 rows two passes, 16384 rows once (ab/).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k35.tar.xz -C /tmp/k
{
timeout 150 $B/walsh-gpu /tmp/k/conf --check-rows 257 --no-time
echo "conf rc=$?"
timeout 150 $B/walsh-gpu /tmp/k/ab --check-rows 257 --rows 65536
timeout 150 $B/walsh-gpu /tmp/k/ab --check-rows 257 --rows 65536
timeout 150 $B/walsh-gpu /tmp/k/ab --check-rows 257 --rows 16384
} 2>&1 | tee $OUT/run112.txt
echo "done $(date -u)"
