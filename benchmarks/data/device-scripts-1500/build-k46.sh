#!/usr/bin/env bash
# Builds .device/k46.tar.xz (run 130): for 16-bit d = m x 8 (m = 12 ... 60)
# the default kernel (ab/dflt) and H_m on tensor cores at 2^k = 8 (stage 1
# an mma, H_8 by shuffles; one warp a row) with 4, 8 and 16 rows a block
# (ab/r4, r8, r16); and checks of its other forms (chk/): H^T, without a
# and b, an fp32 and an f16 output, f16.
set -eu
W=./build/bin/walsh
out=/tmp/k46; rm -rf $out; mkdir -p $out/ab/dflt $out/ab/r4 $out/ab/r8 $out/ab/r16 $out/chk
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  for d in 96 160 224 288 352 416 480; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/ab/dflt >/dev/null
    for r in 4 8 16; do
      $W compile --target cuda --dtype $dt --d $d --rows 65536 --cross-warp mma --rows-per-block $r --out $out/ab/r$r >/dev/null
    done
  done
done
for a in "--dtype bf16 --d 480 --transpose" "--dtype f16 --d 288 --transpose" "--dtype bf16 --d 352 --no-affine" \
         "--dtype f16 --d 416 --out-dtype f32" "--dtype bf16 --d 96 --out-dtype f16" "--dtype f16 --d 224 --transpose --no-affine"; do
  $W compile --target cuda $a --rows 65536 --cross-warp mma --rows-per-block 4 --out $out/chk >/dev/null
done
# walsh-gpu finds a kernel's image by its JSON's stem: the ab/ sets keep
# the default's name in every set, so the three time the same names.
for r in 4 8 16; do
  for j in $out/ab/r$r/*.json; do
    n=$(python3 -c "import json,sys; print(json.load(open('$j'))['name'])")
    base=$(echo $n | sed -E 's/_e[0-9]+t32r[0-9]+v2m//')
    python3 - "$j" "$base" <<'PY'
import json,sys
j=json.load(open(sys.argv[1])); j['name']=sys.argv[2]; json.dump(j,open(sys.argv[1],'w'),indent=2)
PY
    mv $j $out/ab/r$r/$base.json
    mv ${j%.json}.ptx $out/ab/r$r/$base.ptx
  done
done
# The defaults' names carry their configuration where it is not the
# default for any row count: give them the plain name too.
for j in $out/ab/dflt/*.json; do
  n=$(basename $j .json); base=$(echo $n | sed -E 's/_e[0-9]+t[0-9]+r[0-9]+v[0-9]+[a-z0-9]*_sm_90/_sm_90/')
  if [ "$n" != "$base" ]; then
    python3 - "$j" "$base" <<'PY'
import json,sys
j=json.load(open(sys.argv[1])); j['name']=sys.argv[2]; json.dump(j,open(sys.argv[1],'w'),indent=2)
PY
    mv $j $out/ab/dflt/$base.json; mv ${j%.json}.ptx $out/ab/dflt/$base.ptx
  fi
done
# Cubins by ptxas here (walsh's own level, -O3), PTX dropped.
for f in $(find $out -name '*.ptx'); do
  ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f
done
mkdir -p .device && tar cJf .device/k46.tar.xz -C $out .
ls -la .device/k46.tar.xz
