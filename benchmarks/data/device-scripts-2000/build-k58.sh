#!/usr/bin/env bash
# Builds .device/k58.tar.xz (run 150): a probe of what 16-byte output
# stores could buy H_m on tensor cores. dflt/: the defaults (bf16, 1152 ...
# 5632); wide/: the same with each lane's four n-tiles' words stored as one
# 16-byte vector at its own 16 bytes of the row (WALSH_HM_WIDE in that
# build, a throwaway patch: the bytes land in the wrong places, so those
# kernels FAIL the check; only their time means something: the same bytes
# in full sectors and a quarter of the store instructions, without the
# exchange a correct version would need). ptxas -O3.
set -eu
W=./build/bin/walsh
out=/tmp/k58; rm -rf $out; mkdir -p $out/dflt $out/wide
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for d in 1152 1408 1664 1920 3328 3840 4608 5120 5632; do
  $W compile --target cuda --dtype bf16 --d $d --rows 65536 --out $out/dflt >/dev/null
  WALSH_HM_WIDE=1 $W compile --target cuda --dtype bf16 --d $d --rows 65536 --out $out/wide >/dev/null
done
for s in dflt wide; do
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
mkdir -p .device && tar cJf .device/k58.tar.xz -C $out .
ls -la .device/k58.tar.xz; for s in $out/*; do echo "$(basename $s) $(ls $s/*.json | wc -l)"; done
