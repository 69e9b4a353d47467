#!/usr/bin/env bash
# Builds .device/k62.tar.xz (run 156): f16 tiles of four dense indices
# deriving stage 1's fragments from stage 2's (MmaKernel: the four registers
# that made d = 2816 spill), without run 155's reorder. old/ and new/: the
# defaults of the sizes with such tiles (65536 rows) from the build before
# (OLD) and this one. ptxas -O3.
set -eu
OLD=${OLD:-/tmp/old0/bin/walsh}
W=./build/bin/walsh
out=/tmp/k62; rm -rf $out; mkdir -p $out/old $out/new
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
SIZES=${SIZES:-"1280 1792 2304 2816"}
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
mkdir -p .device && tar cJf .device/k62.tar.xz -C $out .
ls -la .device/k62.tar.xz; for s in $out/*; do echo "$(basename $s) $(ls $s/*.json | wc -l)"; done
