#!/usr/bin/env bash
# Device run 429 (2026-12-04), 98cea85's bundle (the runtime unchanged)
# with three kernels compiled on the development VM after the fix that
# keeps the affine table from the dense-index transpose (16-bit pairs with
# row groups had been given a table, whose a carries the scale, while the
# stage loaded a itself: the scale would have been left out): bf16 3072
# and f16 10240 (scale 0.5) as pairs with row groups, f16 5120 as pairs
# (the conformance jobs added for it), each checked against float64 on
# 257 rows.
set -u
cd /tmp && rm -rf walsh-bundle c429 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 60 $B/walsh-gpu /tmp/c429 --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-dense-transpose-pairs-table-run429.txt
