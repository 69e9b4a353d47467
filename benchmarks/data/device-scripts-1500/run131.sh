#!/usr/bin/env bash
# Device run 131 (2026-11-30): H_m on tensor cores at 2^k = 8 as the
# default: the 32 conformance kernels it moved or added, checked; walsh
# bench over the m x 8 sizes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k47.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
$G 60 $B/walsh-gpu /tmp/k/conf --check-rows 257 --no-time
echo "conf rc=$?"
$G 120 $B/walsh bench --target cuda --sizes 96,160,224,288,352,416,480 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
echo "bench rc=$?"
} 2>&1 | tee $OUT/run131.txt
echo "done $(date -u)"
