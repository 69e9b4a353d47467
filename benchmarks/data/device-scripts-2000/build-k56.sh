#!/usr/bin/env bash
# Builds .device/k56.tar.xz (run 145): fp32 rows of a dense factor over one
# warp (m x 32: 384 ... 1920) with their default configuration (dflt/) and
# the same with four row groups (i4/: --row-iters 4, what walsh tune chose
# at 1664 in run144, 1.10 x), renamed to the default's name; ptxas -O3.
set -eu
W=./build/bin/walsh
out=/tmp/k56; rm -rf $out; mkdir -p $out/dflt $out/i4
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for d in 384 640 896 1152 1408 1664 1920; do
  $W compile --target cuda --dtype f32 --d $d --rows 65536 --out $out/dflt >/dev/null
  $W compile --target cuda --dtype f32 --d $d --rows 65536 --row-iters 4 --out $out/i4 >/dev/null
done
for s in dflt i4; do
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
for f in $(find $out -name '*.ptx'); do
  ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f
done
mkdir -p .device && tar cJf .device/k56.tar.xz -C $out .
ls -la .device/k56.tar.xz; for s in $out/*; do echo "$(basename $s) $(ls $s/*.json | wc -l)"; done
