#!/usr/bin/env bash
# Compile the kernels of device run 10 here: bf16 widened through integer
# ops (B) against arith.extf (A: WALSH_EXTF=1; plain d = 4096 also without
# the register cap, WALSH_NOCAP=1, as before); NH: B without the affine
# hoisted (WALSH_NOHOIST=1) at d = 256, 512.
set -u
cd /work/main
V=.device/v10; rm -rf $V; mkdir -p $V/A65 $V/B65 $V/A16 $V/B16 $V/NH65
export WALSH_CACHE_DIR=none
c() { env $1 ./build/bin/walsh compile --target cuda --dtype bf16 "${@:3}" --out $V/$2 > /dev/null || echo "FAILED $*"; }
for d in 256 512 1024 2048 8192; do c X=1 B65 --d $d --rows 65536; c WALSH_EXTF=1 A65 --d $d --rows 65536; done
c X=1 B65 --d 4096 --rows 65536; c "WALSH_EXTF=1 WALSH_NOCAP=1" A65 --d 4096 --rows 65536
for d in 256 512; do c WALSH_NOHOIST=1 NH65 --d $d --rows 65536; done
c X=1 B16 --d 4096 --rows 16384; c "WALSH_EXTF=1 WALSH_NOCAP=1" A16 --d 4096 --rows 16384
for j in "--d 16384" "--d 32768" "--d 768" "--heads 32 --head-dim 128 --layout bhsd" "--heads 32 --head-dim 128 --row-sum" "--heads 32 --head-dim 128 --splits 4" "--d 4096 --epilogue residual,rmsnorm" "--d 4096 --epilogue residual,layernorm" "--heads 32 --head-dim 128 --row-sum --epilogue residual,rmsnorm"; do
  c X=1 B16 $j --rows 16384; c WALSH_EXTF=1 A16 $j --rows 16384; done
for p in $V/*/*.ptx; do echo "$p $(ptxas -arch=sm_90 -v $p -o /dev/null 2>&1 | grep -oE 'Used [0-9]+ registers|[0-9]+ bytes spill stores' | tr '\n' ' ')"; done | sed 's|.device/v10/||; s|_sm_90.ptx||'
rm -f $V/*/*.ptx; du -sh $V
