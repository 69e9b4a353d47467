#!/usr/bin/env bash
# Builds .device/k42.tar.xz (run 126): 16-bit d = 3328 and 3840 (m = 52,
# 60 over 64), H_m on tensor cores with X's fragments read once a row and
# kept in registers for every block of 16 dense indices (c4, c8: 4 and 8
# rows a block) against reading them again for each block (n4, n8:
# WALSH_HM_NOCACHE, a switch of this experiment's build), and the default.
set -eu
W=./build/bin/walsh
out=/tmp/k42; rm -rf $out; mkdir -p $out/dflt $out/c4 $out/c8 $out/n4 $out/n8
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  for d in 3328 3840; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/dflt >/dev/null
    for r in 4 8; do
      $W compile --target cuda --dtype $dt --d $d --rows 65536 --cross-warp mma --vector-width 2 --rows-per-block $r --out $out/c$r >/dev/null
      WALSH_HM_NOCACHE=1 $W compile --target cuda --dtype $dt --d $d --rows 65536 --cross-warp mma --vector-width 2 --rows-per-block $r --out $out/n$r >/dev/null
    done
  done
done
for s in c4 c8 n4 n8; do
  for j in $out/$s/*.json; do
    n=$(basename $j .json); base=$(echo $n | sed -E 's/_e[0-9]+t32r[0-9]+v2m//')
    python3 - "$j" "$base" <<'PY'
import json,sys
j=json.load(open(sys.argv[1])); j['name']=sys.argv[2]; json.dump(j,open(sys.argv[1],'w'),indent=2)
PY
    mv $j $out/$s/$base.json; mv ${j%.json}.ptx $out/$s/$base.ptx
  done
done
for f in $(find $out -name '*.ptx'); do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
tar cJf .device/k42.tar.xz -C $out . && ls -la .device/k42.tar.xz
