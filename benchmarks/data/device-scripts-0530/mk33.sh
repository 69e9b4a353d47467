#!/usr/bin/env bash
# Device run 33 (2026-11-30): row-group kernels whose grid the launcher
# caps at the blocks the device holds at once (new/), against the same
# kernels before the grid-stride loop (old/, compiled by `mk33.sh old`
# before the change). WALSH_NO_GRID_CAP=1 (a temporary knob of the run's
# build) launches ceil(rows / block_rows) blocks as before.
set -u
cd /work/main
export WALSH_CACHE_DIR=none
W=./build/bin/walsh
V=.device/v33/$1; rm -rf $V; mkdir -p $V/r16 $V/r65
for dt in bf16 f16; do
  for d in 256 512 768 1024 1536 2048 4096 8192; do
    $W compile --target cuda --dtype $dt --d $d --rows 16384 --out $V/r16 > /dev/null || echo FAILED
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $V/r65 > /dev/null || echo FAILED
  done
  for pro in "--layout bhsd" "--row-sum"; do
    $W compile --target cuda --dtype $dt --heads 32 --head-dim 128 $pro --rows 16384 --out $V/r16 > /dev/null || echo FAILED
  done
  $W compile --target cuda --dtype $dt --d 4096 --epilogue residual,rmsnorm --rows 16384 --row-iters 4 --out $V/r16 > /dev/null || echo FAILED
done
find $V -name '*.ptx' -delete
ls $V/r16 | grep -c json; grep -l '"row_iters": 1,' $V/r16/*.json | wc -l
