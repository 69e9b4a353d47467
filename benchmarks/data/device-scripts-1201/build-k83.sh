#!/usr/bin/env bash
# Builds .device/k83.tar.xz (run 186): bf16 defaults for a count of 16384
# rows (a/) at sizes that lose 0.06-0.09 of the copy roofline from 65536
# to 16384 rows, and two that do not (1024, 4096), ptxas -O3 (the
# compiler's level: fast-compile for the tiles of one warp from 2^k = 128).
set -eu
out=/tmp/k83; rm -rf $out; mkdir -p $out/a
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for d in 1024 1664 2304 3072 3584 4096 5120 8192; do
  build/bin/walsh compile --target cuda --dtype bf16 --d $d --rows 16384 --out $out/a >/dev/null
done
for f in $out/a/*.ptx; do
  # compileForGpu's rule: tiles (mma) of one warp, 4-element vectors, 2^k >= 128.
  lvl=$(python3 -c "
import json,sys; j=json.load(open(sys.argv[1])); d=j['spec']['d']; p=d & -d; p = p if p == d else p // 4
print('--Ofast-compile=min' if j['cross_warp']=='mma' and j['threads_per_row']==32 and j['vector_width']==4 and p>=128 else '-O3')" ${f%.ptx}.json)
  echo "$(basename $f) $lvl"
  ptxas -arch=sm_90 $lvl $f -o ${f%.ptx}.cubin; rm $f
done
mkdir -p .device && tar cJf .device/k83.tar.xz -C $out .
ls $out/a
