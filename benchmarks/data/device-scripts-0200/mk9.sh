#!/usr/bin/env bash
# Compile the kernels of device run 9 here: issue 7's table at d = 4096,
# 16384 rows, and the transform's defaults at 65536 rows.
set -u
cd /work/main
V=${V:-.device/v9}; rm -rf $V; mkdir -p $V/fused $V/plain
export WALSH_CACHE_DIR=none
for dt in bf16 f16; do
  for j in "--d 4096" "--heads 32 --head-dim 128 --layout bhsd" "--heads 32 --head-dim 128 --row-sum" "--heads 32 --head-dim 128 --splits 4" \
           "--d 4096 --epilogue residual,rmsnorm" "--d 4096 --epilogue residual,layernorm" "--heads 32 --head-dim 128 --splits 4 --epilogue residual,rmsnorm" \
           "--heads 32 --head-dim 128 --row-sum --epilogue residual,rmsnorm" "--heads 32 --head-dim 128 --layout bhsd --epilogue residual,rmsnorm" "--d 4096 --out-dtype f32 --epilogue residual,rmsnorm"; do
    ./build/bin/walsh compile --target cuda --dtype $dt $j --rows 16384 --out $V/fused > /dev/null || echo "compile failed $dt $j"; done
  for d in 1024 2048 4096 8192; do
    ./build/bin/walsh compile --target cuda --dtype $dt --d $d --rows 65536 --out $V/plain > /dev/null || echo "compile failed $dt $d"; done
done
for p in $V/*/*.ptx; do echo "$(basename $p .ptx) $(ptxas -arch=sm_90 -v $p -o /dev/null 2>&1 | grep -oE 'Used [0-9]+ registers|[0-9]+ bytes spill stores' | tr '\n' ' ')"; done
rm -f $V/*/*.ptx; du -sh $V
