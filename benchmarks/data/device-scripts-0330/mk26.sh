#!/usr/bin/env bash
# Device run 26: the norms' multiply-adds contracted (new) against not (old). Usage: mk26.sh DIR
set -u
cd /work/main
export WALSH_CACHE_DIR=none
V=.device/v26/$1; rm -rf $V; mkdir -p $V/r16
for dt in bf16 f16 f32; do
  for j in "--d 1024 --epilogue residual,rmsnorm" "--d 4096 --epilogue residual,rmsnorm" "--d 4096 --epilogue residual,layernorm" "--d 8192 --epilogue residual,layernorm" "--heads 32 --head-dim 128 --row-sum --epilogue residual,rmsnorm" "--heads 32 --head-dim 128 --splits 4 --epilogue residual,rmsnorm"; do
    ./build/bin/walsh compile --target cuda --dtype $dt $j --rows 16384 --out $V/r16 > /dev/null || echo FAILED
  done
done
for p in $V/*/*.ptx; do echo "$p $(ptxas -arch=sm_90 -v $p -o /dev/null 2>&1 | grep -oE 'Used [0-9]+ registers|[0-9]+ bytes spill stores' | tr '\n' ' ')"; done | sed "s|$V/||; s|_sm_90.ptx||" > $V/regs.txt
rm -f $V/*/*.ptx; du -sh $V
