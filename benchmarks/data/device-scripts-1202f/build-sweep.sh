#!/bin/bash
# Every bulk default, d = 128 ... 32768 (m * 2^k), bf16/f16/f32, compiled for 65536 rows.
W=/work/main/build/bin/walsh
export WALSH_CACHE_DIR=none
O=/tmp/exp/sets; rm -rf $O/sweep; mkdir -p $O/sweep
for dt in bf16 f16 f32; do for d in $(awk '$1=="f32" && $2>=128 && $2<=32768 {print $2}' /work/main/benchmarks/data/vm-zen3-cpu-compile-all-1201.txt); do echo "$dt $d"; done; done |
  xargs -P2 -L1 sh -c '$0 compile --target cuda --dtype $1 --d $2 --rows 65536 --out '$O'/sweep >/dev/null || echo FAIL $1 $2' $W
ls $O/sweep/*.json | wc -l
