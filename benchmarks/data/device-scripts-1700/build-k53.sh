#!/usr/bin/env bash
# Builds .device/k53.tar.xz (run 137): H_m on tensor cores with the affine
# tables in the storage type (a and b themselves, 4 bytes an element for
# both, the scale multiplied into the transform in fp32; an experiment
# switched by WALSH_HM_T16 in that build) against the fp32 tables (a * scale
# and b, 8 bytes an element), the defaults of 16-bit sizes it takes; and
# 7168 with five and six rows a block, which the smaller tables let in.
# chk/: other forms with 16-bit tables.
set -eu
W=./build/bin/walsh
out=/tmp/k53; rm -rf $out; mkdir -p $out/chk $out/dflt $out/t16 $out/t16r5 $out/t16r6
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  for d in 448 704 960 1920 3328 3840 4608 5120 5632 6656 7168 7680; do
    [ $dt = f16 ] && case $d in 960|3840|7168) ;; *) continue;; esac
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/dflt >/dev/null
    WALSH_HM_T16=1 $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/t16 >/dev/null
  done
  for r in 5 6; do
    WALSH_HM_T16=1 $W compile --target cuda --dtype $dt --d 7168 --rows 65536 --cross-warp mma --threads-per-row 32 --elems-per-thread 224 --vector-width 2 --rows-per-block $r --out $out/t16r$r >/dev/null
  done
done
export WALSH_HM_T16=1
$W compile --target cuda --dtype bf16 --d 3840 --transpose --out-dtype f32 --out $out/chk >/dev/null
$W compile --target cuda --dtype f16 --d 960 --scale 0.5 --rows 65536 --out $out/chk >/dev/null
$W compile --target cuda --dtype bf16 --d 7680 --transpose --rows 16384 --out $out/chk >/dev/null
$W compile --target cuda --dtype f16 --d 288 --out-dtype bf16 --rows 65536 --out $out/chk >/dev/null
unset WALSH_HM_T16
for s in dflt t16 t16r5 t16r6; do
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
mkdir -p .device && tar cJf .device/k53.tar.xz -C $out .
ls -la .device/k53.tar.xz; for s in $out/*; do echo "$(basename $s) $(ls $s/*.json | wc -l)"; done
