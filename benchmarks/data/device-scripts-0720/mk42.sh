#!/usr/bin/env bash
# Kernels for device run 42 (2026-11-30): what the affine costs (the same
# defaults without it), and split-layout kernels at 2^k <= 512 against the
# old layout, one a directory for ncu.
set -u
cd /work/main
export WALSH_CACHE_DIR=none
W=./build/bin/walsh
V=.device/v42; rm -rf $V; mkdir -p $V
c() { local n=$1; shift; mkdir -p $V/$n; $W compile --target cuda --dtype bf16 "$@" --out $V/$n > /dev/null || echo FAILED $n; }
c d4096 --d 4096 --rows 16384
c d4096na --d 4096 --rows 16384 --no-affine
c bhsd --heads 32 --head-dim 128 --layout bhsd --rows 16384
c bhsdna --heads 32 --head-dim 128 --layout bhsd --rows 16384 --no-affine
c rsum --heads 32 --head-dim 128 --row-sum --rows 16384
c rsumna --heads 32 --head-dim 128 --row-sum --rows 16384 --no-affine
c d5120 --d 5120 --rows 65536
c d5120na --d 5120 --rows 65536 --no-affine
c d5120s32 --d 5120 --elems-per-thread 32 --threads-per-row 160 --vector-width 8 --cross-warp transpose --row-iters 4 --rows-per-block 1
c d5120s16 --d 5120 --elems-per-thread 16 --threads-per-row 320 --vector-width 8 --cross-warp shared --row-iters 4 --rows-per-block 1
c d12288s --d 12288 --rows 65536
c d12288si --d 12288 --elems-per-thread 32 --threads-per-row 384 --vector-width 8 --cross-warp transpose --row-iters 4 --rows-per-block 1
find $V -name '*.ptx' -delete
(cd .device && tar cJf v42.tar.xz v42) && ls -la .device/v42.tar.xz
