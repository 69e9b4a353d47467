#!/usr/bin/env bash
# run355's kernel sets (2026-12-03), the final build: /tmp/difffin, the
# conformance kernels the stationary m-point stage changes that run353
# did not check (three items at a time: bf16 15360's forms, 13312 over
# 416 threads; tests/gpu/gpu-conformance.sh --compile-only against the
# build before, the cubins that differ and match none of run353's); and
# /tmp/s355: bf16 13312 over 832 threads (the default: one item at a
# time) and over 416 (three), 16384 rows. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
o=/tmp/s355; rm -rf $o; mkdir -p $o
$W compile --target cuda --dtype bf16 --d 13312 --rows 16384 --out $o >/dev/null
$W compile --target cuda --cross-warp mma --vector-width 8 --rows-per-block 1 --row-iters 1 --dtype bf16 --d 13312 --threads-per-row 416 --elems-per-thread 32 --out $o >/dev/null
find $o -name "*.ptx" -delete
