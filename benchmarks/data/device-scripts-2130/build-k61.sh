#!/usr/bin/env bash
# Builds .device/k61.tar.xz (run 155): the tensor-core kernels' first row
# loaded before the block fills its tables (HmMmaKernel, MmaKernel), and f16
# tiles of four dense indices deriving stage 1's fragments from stage 2's
# (MmaKernel: the four registers that made d = 2816 spill). old/ and new/:
# the 16-bit defaults of every size that takes a tensor-core kernel (65536
# rows) from the build before (OLD) and this one. ptxas -O3.
set -eu
OLD=${OLD:-/tmp/old0/bin/walsh}
W=./build/bin/walsh
out=/tmp/k61; rm -rf $out; mkdir -p $out/old $out/new
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
SIZES=${SIZES:-"288 320 352 384 416 448 480 576 640 704 832 896 960 1152 1280 1408 1536 1664 1792 1920 2304 2560 2816 3072 3328 3584 3840 4608 5120 5632 6656 7168 7680"}
for dt in bf16 f16; do
  for d in $SIZES; do
    $OLD compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/old >/dev/null
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/new >/dev/null
  done
done
for s in old new; do
  for j in $out/$s/*.json; do
    n=$(basename $j .json); base=$(echo $n | sed -E 's/_e[0-9]+t[0-9]+r[0-9]+v[0-9]+[a-z0-9]*_sm_90/_sm_90/')
    if [ "$n" != "$base" ]; then
      python3 - "$j" "$base" <<'PY'
import json,sys
j=json.load(open(sys.argv[1])); j['name']=sys.argv[2]; json.dump(j,open(sys.argv[1],'w'),indent=2)
PY
      mv $j $out/$s/$base.json; mv ${j%.json}.ptx $out/$s/$base.ptx
    fi
  done
  for f in $out/$s/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
done
mkdir -p .device && tar cJf .device/k61.tar.xz -C $out .
ls -la .device/k61.tar.xz; for s in $out/*; do echo "$(basename $s) $(ls $s/*.json | wc -l)"; done
