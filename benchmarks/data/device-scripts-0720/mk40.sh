#!/usr/bin/env bash
# Kernels for device run 40 (2026-11-30): the bf16 defaults that miss the
# roofline, one kernel a directory so that ncu can profile each alone.
set -u
cd /work/main
export WALSH_CACHE_DIR=none
W=./build/bin/walsh
V=.device/v40; rm -rf $V; mkdir -p $V
for d in 768 1536 3072 4096 5120 6144 7168 8192 12288; do
  mkdir -p $V/d$d; $W compile --target cuda --dtype bf16 --d $d --rows 65536 --out $V/d$d > /dev/null || echo FAILED $d
done
mkdir -p $V/bhsd $V/rsum
$W compile --target cuda --dtype bf16 --heads 32 --head-dim 128 --layout bhsd --rows 16384 --out $V/bhsd > /dev/null || echo FAILED
$W compile --target cuda --dtype bf16 --heads 32 --head-dim 128 --row-sum --rows 16384 --out $V/rsum > /dev/null || echo FAILED
find $V -name '*.ptx' -delete
(cd .device && tar cJf v40.tar.xz v40) && ls -la .device/v40.tar.xz
