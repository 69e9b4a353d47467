#!/usr/bin/env bash
# Builds .device/k50.tar.xz (run 134): H_m on tensor cores with two warps a
# row past 2^k = 32 (threads_per_row 64: the row's blocks of 16 dense
# indices in turn, one copy of the row in shared memory for both): per size
# the default (dflt, ptxas -O3) against two warps a row with 2 and 4 rows a
# block (w2r2, w2r4), renamed to the default's name; chk/: other forms.
set -eu
W=./build/bin/walsh
out=/tmp/k50; rm -rf $out; mkdir -p $out/chk $out/dflt $out/w2r2 $out/w2r4
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  for d in 3840 4608 5120 5632 6144 6656 7168 7680; do
    [ $dt = f16 ] && case $d in 5632|7168|7680) ;; *) continue;; esac
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/dflt >/dev/null
    for r in 2 4; do
      $W compile --target cuda --dtype $dt --d $d --rows 65536 --cross-warp mma --threads-per-row 64 --elems-per-thread $((d / 64)) --vector-width 2 --rows-per-block $r --out $out/w2r$r >/dev/null
    done
  done
done
two="--cross-warp mma --threads-per-row 64 --vector-width 2"
$W compile --target cuda --dtype f16 --d 5632 --transpose --out-dtype f32 $two --elems-per-thread 88 --rows-per-block 3 --out $out/chk >/dev/null
$W compile --target cuda --dtype bf16 --d 7168 --no-affine $two --elems-per-thread 112 --rows-per-block 4 --out $out/chk >/dev/null
$W compile --target cuda --dtype bf16 --d 3840 --transpose $two --elems-per-thread 60 --rows-per-block 1 --out $out/chk >/dev/null
$W compile --target cuda --dtype f16 --d 4608 $two --elems-per-thread 72 --rows-per-block 5 --out $out/chk >/dev/null
for s in dflt w2r2 w2r4; do
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
mkdir -p .device && tar cJf .device/k50.tar.xz -C $out .
ls -la .device/k50.tar.xz; for s in $out/*; do echo "$(basename $s) $(ls $s/*.json | wc -l)"; done
