#!/usr/bin/env bash
# Device run 361 (2026-12-03): the build with f16 rows' split-layout
# m-point stage on tensor cores from one f16 piece (z / 16 C) and f16's new
# defaults there. First the 22 kernels it changes or that exercise it
# (compiled on the development VM into .device/sub: f16 defaults at 9216,
# 11264, 13312, 15360, 18432, 28672 with and without a and b, the
# conformance set's f16 'vector_width' = 8 forms, and three bf16 ones),
# each checked on 257 rows by walsh-gpu; then walsh bench for f16 and bf16
# at the sizes whose default changed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
$B/walsh-gpu .device/sub --check-rows 257 --no-time 2>&1 | tail -30
date -u +%H:%M:%S
$B/walsh bench --target cuda --sizes 9216,11264,13312,15360,18432,28672 --dtypes f16,bf16 --rows 65536,16384 --decode-rows none 2>&1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run361.txt
