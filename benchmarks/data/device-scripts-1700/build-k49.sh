#!/usr/bin/env bash
# Builds .device/k49.tar.xz (run 133): the compiler with H_m on tensor
# cores folded to 64 positions (4608, 5120, 7168 by default).
#   conf/  the GPU conformance kernels whose PTX the change moved or added
#          (list: /tmp/conf-diff.txt from comparing the whole set's PTX
#          before and after), ptxas -O3
#   dflt/  the defaults at 4608 ... 7680, bf16 and f16, ptxas -O3
#   fast/  the same PTX through ptxas --Ofast-compile=min (walsh's level
#          for one warp a row of mma with 2^k >= 128)
#   rN/    more rows a block where they fit: 5632 (128 positions) 6 and 7,
#          7168 (folded) 5; renamed to the default's name
set -eu
W=./build/bin/walsh
out=/tmp/k49; rm -rf $out; mkdir -p $out/conf $out/dflt $out/fast $out/r5 $out/r6 $out/r7
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for n in $(sed -n 's/^\(NEW\|CHANGED\) \(.*\)\.ptx$/\2/p' /tmp/conf-diff.txt); do
  cp /tmp/conf-after/$n.ptx /tmp/conf-after/$n.json $out/conf/
done
for dt in bf16 f16; do
  for d in 4608 5120 5632 6144 6656 7168 7680; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/dflt >/dev/null
  done
  hm="--cross-warp mma --threads-per-row 32 --vector-width 2"
  for r in 6 7; do
    $W compile --target cuda --dtype $dt --d 5632 --rows 65536 $hm --elems-per-thread 176 --rows-per-block $r --out $out/r$r >/dev/null
  done
  $W compile --target cuda --dtype $dt --d 7168 --rows 65536 $hm --elems-per-thread 224 --rows-per-block 5 --out $out/r5 >/dev/null
done
for s in dflt r5 r6 r7; do
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
done
for f in $out/dflt/*.ptx; do
  cp ${f%.ptx}.json $out/fast/
  ptxas -arch=sm_90 --Ofast-compile=min $f -o $out/fast/$(basename ${f%.ptx}).cubin
done
for f in $(find $out -name '*.ptx'); do
  ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f
done
mkdir -p .device && tar cJf .device/k49.tar.xz -C $out .
ls -la .device/k49.tar.xz; for s in $out/*; do echo "$(basename $s) $(ls $s/*.json | wc -l)"; done
