#!/usr/bin/env bash
# Device run 22: the new m > 1 defaults (56 values, 4 lanes at m = 12, groups while a row fits a warp) against v20's kernels.
set -u
cd /work/main
export WALSH_CACHE_DIR=none
V=.device/v22; rm -rf $V; mkdir -p $V/n65 $V/n16
for dt in bf16 f16 f32; do
  for d in 768 1536 3072 5120 12288 20480 6144 7168; do ./build/bin/walsh compile --target cuda --dtype $dt --d $d --rows 65536 --out $V/n65 > /dev/null || echo FAILED; done
  for d in 768 5120 12288 24576; do ./build/bin/walsh compile --target cuda --dtype $dt --d $d --rows 16384 --out $V/n16 > /dev/null || echo FAILED; done
done
for p in $V/*/*.ptx; do echo "$p $(ptxas -arch=sm_90 -v $p -o /dev/null 2>&1 | grep -oE 'Used [0-9]+ registers|[0-9]+ bytes spill stores' | tr '\n' ' ')"; done | sed "s|$V/||; s|_sm_90.ptx||"
rm -f $V/*/*.ptx; du -sh $V
