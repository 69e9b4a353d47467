#!/usr/bin/env bash
# Builds .device/k48.tar.xz (run 132): H_m on tensor cores past 2^k = 64
# with the Sylvester factor H_{2^k/64} joined to the dense factor (m' = m
# 2^k / 64 at 64 positions), against the native 2^k = 128 form
# (WALSH_HM_P=128, the old default) and the defaults elsewhere. Sets (the
# kernels renamed to the default's name):
#   dflt    the old default (4608 ... 7680: native 2^k = 128, four rows)
#   p64rN   folded to 64 positions, N rows a block
#   x128rN  the same with X's fragments kept in up to 128 registers
# and chk/: other forms of the folded kernel.
set -eu
W=./build/bin/walsh
out=/tmp/k48; rm -rf $out; mkdir -p $out/chk
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
sizes="4608 5120 5632 6144 6656 7168 7680 10240"
for dt in bf16 f16; do
  for d in $sizes; do
    [ $dt = f16 ] && case $d in 4608|5120|7168) ;; *) continue;; esac
    mkdir -p $out/dflt
    WALSH_HM_P=128 $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/dflt >/dev/null
    for r in 2 4 8; do
      mkdir -p $out/p64r$r $out/x128r$r
      WALSH_HM_P=64 $W compile --target cuda --dtype $dt --d $d --rows 65536 --cross-warp mma --threads-per-row 32 --elems-per-thread $((d / 32)) --vector-width 2 --rows-per-block $r --out $out/p64r$r >/dev/null 2>&1 || echo "no p64r$r $dt $d"
      [ $r = 2 ] && continue
      WALSH_HM_P=64 WALSH_HM_XCACHE=128 $W compile --target cuda --dtype $dt --d $d --rows 65536 --cross-warp mma --threads-per-row 32 --elems-per-thread $((d / 32)) --vector-width 2 --rows-per-block $r --out $out/x128r$r >/dev/null 2>&1 || echo "no x128r$r $dt $d"
    done
  done
done
for a in "bf16 7168 --transpose" "f16 5120 --no-affine" "bf16 6144 --out-dtype f32" "f16 4608 --transpose" \
         "bf16 10240" "bf16 5632 --transpose --no-affine"; do
  set -- $a; dt=$1; d=$2; shift 2
  WALSH_HM_P=64 $W compile --target cuda --dtype $dt --d $d "$@" --rows 65536 --cross-warp mma --threads-per-row 32 --elems-per-thread $((d / 32)) --vector-width 2 --rows-per-block 2 --out $out/chk >/dev/null 2>&1 || echo "no chk $a"
done
for s in $out/*; do
  case $(basename $s) in chk|x128r2) continue;; esac
  for j in $s/*.json; do
    n=$(basename $j .json); base=$(echo $n | sed -E 's/_e[0-9]+t[0-9]+r[0-9]+v[0-9]+[a-z0-9]*_sm_90/_sm_90/')
    if [ "$n" != "$base" ]; then
      python3 - "$j" "$base" <<'PY'
import json,sys
j=json.load(open(sys.argv[1])); j['name']=sys.argv[2]; json.dump(j,open(sys.argv[1],'w'),indent=2)
PY
      mv $j $s/$base.json; mv ${j%.json}.ptx $s/$base.ptx
    fi
  done
done
for f in $(find $out -name '*.ptx'); do
  ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f
done
mkdir -p .device && tar cJf .device/k48.tar.xz -C $out .
ls -la .device/k48.tar.xz; for s in $out/*; do echo "$(basename $s) $(ls $s/*.json | wc -l)"; done
