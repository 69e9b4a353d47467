#!/usr/bin/env bash
# Device run 431 (2026-12-04), 18a435c's bundle (the dense-index transpose
# with deferred lane levels): (1) the 48 conformance kernels whose PTX
# differs from run427's set (tests/gpu/gpu-conformance.sh --compile-only:
# every kernel of the form now defers, plus the two jobs cc82129 added),
# checked against float64 on 257 rows, packed and strided; (2) `walsh
# bench` through the JIT over the fp32 sizes whose defaults take the form
# (cuBLAS beside it).
set -u
cd /tmp && rm -rf walsh-bundle conf431c && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels)"
timeout 120 $B/walsh-gpu /tmp/conf431c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
echo "== walsh bench, 16384 rows"
timeout 200 $B/walsh bench --target cuda --sizes 9216,10240,11264,13312,14336,15360,18432,22528,26624 --dtypes f32 --rows 16384 --decode-rows none
echo "== walsh bench, 65536 rows"
timeout 150 $B/walsh bench --target cuda --sizes 4608,5120,5632,6656,7168,7680 --dtypes f32 --rows 65536 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-dense-transpose-deferred-bench-run431.txt
