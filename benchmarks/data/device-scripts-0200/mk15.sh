#!/usr/bin/env bash
# Compile the kernels of device run 15 here: n* the new defaults (16-bit
# d = 1024 through transposes, two rows a block, four groups; d = 4096 four
# groups), o* the defaults before, forced by config flags.
set -u
export WALSH_CACHE_DIR=none
V=.device/v15; rm -rf $V; mkdir -p $V/n65 $V/o65 $V/n16 $V/o16
OLD1024="--elems-per-thread 32 --threads-per-row 32 --rows-per-block 4 --cross-warp shared --row-iters 16"
for dt in bf16 f16; do
  ./build/bin/walsh compile --target cuda --dtype $dt --d 1024 --rows 65536 --out $V/n65
  ./build/bin/walsh compile --target cuda --dtype $dt --d 1024 --rows 65536 $OLD1024 --out $V/o65
  ./build/bin/walsh compile --target cuda --dtype $dt --d 4096 --rows 65536 --out $V/n65
  ./build/bin/walsh compile --target cuda --dtype $dt --d 4096 --rows 65536 --row-iters 16 --out $V/o65
  for j in "--d 1024" "--d 1024 --epilogue residual,rmsnorm" "--heads 8 --head-dim 128 --row-sum" "--heads 8 --head-dim 128 --layout bhsd"; do
    ./build/bin/walsh compile --target cuda --dtype $dt $j --rows 16384 --out $V/n16
    ./build/bin/walsh compile --target cuda --dtype $dt $j --rows 16384 --elems-per-thread 32 --threads-per-row 32 --rows-per-block 4 --cross-warp shared --row-iters 4 --out $V/o16
  done
  ./build/bin/walsh compile --target cuda --dtype $dt --d 4096 --rows 16384 --out $V/n16
  ./build/bin/walsh compile --target cuda --dtype $dt --d 4096 --rows 16384 --row-iters 8 --out $V/o16
done
