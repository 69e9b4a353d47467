#!/usr/bin/env bash
# run352's kernel sets (2026-12-03): the 16-bit defaults of issue 4's
# worst misses at 16384 rows (the split layout on tensor cores with its
# m-point stage on tensor cores: 9216, 13312, 15360, 28672; bf16 and
# f16), for walsh-gpu and cuobjdump (/tmp/sets352). No .ptx. The 24
# conformance kernels the 16-step fill unroll changes travel separately
# (/tmp/diffcap: compiled by tests/gpu/gpu-conformance.sh --compile-only
# with and without the change, the cubins that differ).
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
o=/tmp/sets352; rm -rf $o; mkdir -p $o
for dt in bf16 f16; do
  for d in 9216 13312 15360 28672; do
    $W compile --target cuda --dtype $dt --d $d --rows 16384 --out $o >/dev/null
  done
done
find $o -name "*.ptx" -delete
