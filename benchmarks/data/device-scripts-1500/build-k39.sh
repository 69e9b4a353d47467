#!/usr/bin/env bash
# Builds .device/k39.tar.xz (run 122): for 16-bit d = m x P (m = 12 ... 60,
# P = 16, 32) the default kernel (ab/dflt) and H_m on tensor cores
# (cross_warp = mma, one warp a row) with 4 and 8 rows a block (ab/r4,
# ab/r8); and checks of the new kernel's other forms (chk/): H^T, without
# a and b, an fp32 output, f16.
set -eu
W=./build/bin/walsh
out=/tmp/k39; rm -rf $out; mkdir -p $out/ab/dflt $out/ab/r4 $out/ab/r8 $out/chk
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  for d in 192 384 320 640 448 896 576 1152 704 1408 832 1664 960 1920; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/ab/dflt >/dev/null
    for r in 4 8; do
      $W compile --target cuda --dtype $dt --d $d --rows 65536 --cross-warp mma --rows-per-block $r --out $out/ab/r$r >/dev/null
    done
  done
done
for a in "--dtype bf16 --d 1152 --transpose" "--dtype f16 --d 960 --transpose" "--dtype bf16 --d 704 --no-affine" \
         "--dtype f16 --d 832 --out-dtype f32" "--dtype bf16 --d 1920 --out-dtype f16" "--dtype f16 --d 448 --transpose --no-affine"; do
  $W compile --target cuda $a --rows 65536 --cross-warp mma --rows-per-block 4 --out $out/chk >/dev/null
done
# walsh-gpu finds a kernel's image by its JSON's stem: the ab/ sets keep
# the default's name in every set, so the three time the same names.
for r in 4 8; do
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
# Cubins by ptxas here (walsh's own level, -O3), PTX dropped.
for f in $(find $out -name '*.ptx'); do
  ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f
done
mkdir -p .device && tar cJf .device/k39.tar.xz -C $out .
ls -la .device/k39.tar.xz
