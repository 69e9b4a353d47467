#!/usr/bin/env bash
# Device run 405 (2026-12-04): the GPU conformance kernels that moved when
# 16-bit 32768 took the split from 4096 rows and for a count not given
# (the defaults' plain and transposed jobs without a row count, and two
# new jobs without a and b at 65536 rows: the transposes with sixteen row
# groups): `tests/gpu/gpu-conformance.sh build/bin --compile-only` here,
# the kernels whose PTX differs from run404's set. walsh-gpu checks each
# against float64 on 257 rows, then times it at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf405x && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
timeout 100 $B/walsh-gpu /tmp/conf405x --check-rows 257 --rows 16384; echo "walsh-gpu rc=$?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-conformance-moved-run405.txt
