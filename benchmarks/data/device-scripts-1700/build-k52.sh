#!/usr/bin/env bash
# Builds .device/k52.tar.xz (run 136): the bf16 defaults of H_m on tensor
# cores at 3840 (one warp a row, 64 positions, 0.83), 4608 (folded, X's
# fragments kept, 0.80), 6656 (two warps a row, 0.56) and 7168 (folded,
# X read again for each block, 0.58), one kernel a folder, ptxas -O3, for
# ncu.
set -eu
W=./build/bin/walsh
out=/tmp/k52; rm -rf $out
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for d in 3840 4608 6656 7168; do
  mkdir -p $out/d$d
  $W compile --target cuda --dtype bf16 --d $d --rows 65536 --out $out/d$d >/dev/null
  for f in $out/d$d/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
done
mkdir -p .device && tar cJf .device/k52.tar.xz -C $out .
ls -la .device/k52.tar.xz
