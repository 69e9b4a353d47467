#!/bin/bash
# Kernel sets for the L1 cache-hint experiment: defaults, then PTX variants.
set -e
W=/work/main/build/bin/walsh
export WALSH_CACHE_DIR=none
O=/tmp/exp/sets; rm -rf $O; mkdir -p $O/base
for spec in "f32 3840" "f32 4608" "f32 5632" "f32 6656" "f32 7680" "f32 4096" "f32 1664" \
            "bf16 1280" "f16 1280" "bf16 7168" "bf16 6656" "bf16 7680" "f16 3840" "f16 6656" "f16 7680"; do
  set -- $spec
  $W compile --target cuda --dtype $1 --d $2 --rows 65536 --out $O/base >/dev/null
done
for v in "xna L1::no_allocate - -" "xnael L1::no_allocate L1::evict_last -" "el - L1::evict_last -" "xnasna L1::no_allocate - L1::no_allocate"; do
  set -- $v
  mkdir -p $O/$1
  for p in $O/base/*.ptx; do
    n=$(basename $p .ptx)
    python3 /tmp/exp/hint.py $p $O/$1/$n.ptx $2 $3 $4
    cp $O/base/$n.json $O/$1/
    ptxas -arch=sm_90 -O3 $O/$1/$n.ptx -o $O/$1/$n.cubin
  done
done
mkdir -p $O/xnaelc
for p in $O/xnael/*.ptx; do
  n=$(basename $p .ptx)
  if grep -q "minnctapersm [2-9]" $p; then
    c=$(grep -o "minnctapersm [0-9]" $p | awk '{print $2}')
    sed "s/minnctapersm $c/minnctapersm $((c-1))/" $p > $O/xnaelc/$n.ptx
    cp $O/base/$n.json $O/xnaelc/
    ptxas -arch=sm_90 -O3 -v $O/xnaelc/$n.ptx -o $O/xnaelc/$n.cubin 2>&1 | grep -o "Used.*" 
  fi
done
