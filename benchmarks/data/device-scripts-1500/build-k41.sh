#!/usr/bin/env bash
# Builds .device/k41.tar.xz (run 125): H_m on tensor cores at 2^k = 64 and
# 128 (cross_warp = mma with vector_width 2: a loop over blocks of 16 dense
# indices, H_{P/32} as butterflies across chunks of 32 positions, H_m's
# fragments in shared memory). For 16-bit d = m x 64 and m x 128 (m = 12
# ... 60): the default (ab/dflt) and the new kernel with 2, 4 and 8 rows a
# block (ab/r2, r4, r8), renamed to the default's name; and checks of its
# other forms (chk/).
set -eu
W=./build/bin/walsh
out=/tmp/k41; rm -rf $out; mkdir -p $out/ab/dflt $out/ab/r2 $out/ab/r4 $out/ab/r8 $out/chk
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  for d in 768 1280 1792 2304 2816 3328 3840 1536 2560 3584 4608 5632 6656 7680; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/ab/dflt >/dev/null
    for r in 2 4 8; do
      $W compile --target cuda --dtype $dt --d $d --rows 65536 --cross-warp mma --vector-width 2 --rows-per-block $r --out $out/ab/r$r >/dev/null || echo "no r$r $dt $d"
    done
  done
done
for a in "--dtype bf16 --d 3840 --transpose" "--dtype f16 --d 3328 --transpose --no-affine" "--dtype bf16 --d 2304 --out-dtype f32" \
         "--dtype f16 --d 768 --no-affine" "--dtype bf16 --d 4608 --transpose" "--dtype f16 --d 2560 --out-dtype bf16"; do
  $W compile --target cuda $a --rows 65536 --cross-warp mma --vector-width 2 --rows-per-block 4 --out $out/chk >/dev/null
done
for r in 2 4 8; do
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
for f in $(find $out -name '*.ptx'); do
  ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f
done
mkdir -p .device && tar cJf .device/k41.tar.xz -C $out .
ls -la .device/k41.tar.xz
