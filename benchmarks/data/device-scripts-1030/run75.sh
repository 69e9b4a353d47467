#!/usr/bin/env bash
# Device run 75 (2026-11-30): run74's kernels with the 16-byte mma kernels'
# row alignment fixed (16 bytes; run74's 257-row check at 65536 rows hit a
# misaligned 16-byte access on 8-byte-aligned rows), and bf16/f16 d = 3072
# side by side: the transposed second stage with 16-byte accesses (the
# default, eight and four warps a block), the same with two 8-byte halves
# (v8_), and run73's kernels (old_: the first stage's words byte-permuted,
# 8-byte accesses).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k75.tar.xz -C /tmp/k
$B/walsh-gpu /tmp/k --check-rows 257 --rows 65536
$B/walsh-gpu /tmp/k --check-rows 1 --rows 16384
$B/walsh-gpu /tmp/k --check-rows 1 --rows 65536
} 2>&1 | tee $OUT/run75.txt
echo "done $(date -u)"
