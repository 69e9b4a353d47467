#!/usr/bin/env bash
# Builds .device/k60.tar.xz (run 153): H_m on tensor cores at P = 16 storing
# 16 bytes a lane through the staging area (16 rows of 16 positions).
# conf/: the GPU conformance kernels the change moved (list:
# /tmp/conf-diff8.txt); old/ and new/: the defaults at m x 16 (bf16 and f16,
# 65536 rows) from the build before the staged stores (OLD) and this one.
# ptxas -O3.
set -eu
OLD=${OLD:-/tmp/new7/bin/walsh}
W=./build/bin/walsh
out=/tmp/k60; rm -rf $out; mkdir -p $out/conf $out/old $out/new
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for n in $(sed -n 's/^\(NEW\|CHANGED\) \(.*\)\.ptx$/\2/p' /tmp/conf-diff8.txt); do
  cp /tmp/conf-after8/$n.json $out/conf/
  ptxas -arch=sm_90 -O3 /tmp/conf-after8/$n.ptx -o $out/conf/$n.cubin
done
for dt in bf16 f16; do
  for d in 192 320 448 576 704 832 960; do
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
mkdir -p .device && tar cJf .device/k60.tar.xz -C $out .
ls -la .device/k60.tar.xz; for s in $out/*; do echo "$(basename $s) $(ls $s/*.json | wc -l)"; done
