#!/usr/bin/env bash
# Builds .device/k84.tar.xz (run 188): the first row's copy issued before
# the tables fill (MmaKernel with cp.async rows, HmMmaKernel). conf/: the
# conformance kernels whose PTX the change moved against /tmp/conf-k82
# (build-k82.sh's), ptxas -O3; a16, a64: the mma-family defaults for 16384
# and 65536 rows from the build before (BEFORE=path to its walsh), b16,
# b64: from this build. ptxas as the compiler would (fast-compile for the
# tiles of one warp from 2^k = 128).
set -eu
: "${BEFORE:?set BEFORE to the walsh binary of the build before}"
out=/tmp/k84; rm -rf $out /tmp/conf-k84; mkdir -p $out/conf $out/a16 $out/a64 $out/b16 $out/b64
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
bash tests/gpu/gpu-conformance.sh build/bin --compile-only /tmp/conf-k84 >/dev/null
for f in /tmp/conf-k84/*.ptx; do
  b=/tmp/conf-k82/$(basename $f)
  if [ ! -f $b ] || ! cmp -s $f $b; then
    n=$(basename ${f%.ptx}); cp ${f%.ptx}.json $out/conf/
    ptxas -arch=sm_90 -O3 $f -o $out/conf/$n.cubin
  fi
done
for rows in 16384 65536; do
  s=16; [ $rows = 65536 ] && s=64
  for d in 288 320 416 480 768 960 1152 1280 1536 1664 1792 2304 2560 2816 3072 3328 3584 3840 4608 5120 5632 6656 7168 7680; do
    $BEFORE compile --target cuda --dtype bf16 --d $d --rows $rows --out $out/a$s >/dev/null
    build/bin/walsh compile --target cuda --dtype bf16 --d $d --rows $rows --out $out/b$s >/dev/null
  done
  for d in 288 352 480 960 1664 1920; do
    $BEFORE compile --target cuda --dtype f32 --d $d --rows $rows --out $out/a$s >/dev/null
    build/bin/walsh compile --target cuda --dtype f32 --d $d --rows $rows --out $out/b$s >/dev/null
  done
done
for f in $out/a*/*.ptx $out/b*/*.ptx; do
  lvl=$(python3 -c "
import json,sys; j=json.load(open(sys.argv[1])); d=j['spec']['d']; p=d & -d; p = p if p == d else p // 4
print('--Ofast-compile=min' if j['cross_warp']=='mma' and j['threads_per_row']==32 and j['vector_width']==4 and p>=128 else '-O3')" ${f%.ptx}.json)
  ptxas -arch=sm_90 $lvl $f -o ${f%.ptx}.cubin; rm $f
done
mkdir -p .device && tar cJf .device/k84.tar.xz -C $out .
for d in $out/*; do echo "$d: $(ls $d/*.cubin | wc -l)"; done
