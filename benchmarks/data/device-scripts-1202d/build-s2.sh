#!/usr/bin/env bash
# run290's kernels: stage 2 of the tensor-core kernels from one piece (Y's
# hi half) instead of hi + lo, by a throwaway compile-time switch
# WALSH_EXP_STAGE2 (never committed as a switch): "tiles" = bf16 tiles
# (MmaKernel, not split), "hm" = bf16 H_m on tensor cores (HmMmaKernel),
# "f16" = f16 in the split layout on tensor cores as Y / 16 in f16 (the 16
# folded into the scale), "f16tiles" = the same in f16 tiles.
#  - /tmp/s2/base/<dt>: this build's defaults at 65536 rows;
#  - /tmp/s2/hi/<dt>: the same with the switch, only where the PTX differs.
set -eu
W=${W:-./build/bin/walsh}
O=/tmp/s2; rm -rf $O; mkdir -p $O
export WALSH_CACHE_DIR=none
sizes="288 320 416 480 768 896 1152 1280 1536 1664 1792 1920 2304 2560 2816 3072 3328 3584 3840 4608 5120 5632 6144 6656 7168 7680 9216 10240 12288 14336 20480 24576"
for dt in bf16 f16; do
  mkdir -p $O/base/$dt $O/hi/$dt $O/tmp
  for d in $sizes; do
    rm -rf $O/tmp/*; mkdir -p $O/tmp/h
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $O/tmp >/dev/null
    WALSH_EXP_STAGE2=tiles,hm,f16,f16tiles $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $O/tmp/h >/dev/null
    n=$(ls $O/tmp/*.ptx | head -1); hn=$O/tmp/h/$(basename $n)
    if [ -f "$hn" ] && ! cmp -s $n $hn; then
      cp $O/tmp/*.* $O/base/$dt/; cp $O/tmp/h/*.* $O/hi/$dt/
      echo "$dt $d differs"
    fi
  done
done
rm -rf $O/tmp
