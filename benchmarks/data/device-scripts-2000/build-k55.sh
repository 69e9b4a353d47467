#!/usr/bin/env bash
# Builds .device/k55.tar.xz (run 143): the defaults of a spread of sizes
# and kernel forms with the gpu.module's LLVM optimizer at O3 (walsh's
# level) and at O0, switched by WALSH_NVVM_O in that build (a throwaway
# patch to buildGpuToNvvmPipeline's target.optLevel; not committed), both
# through ptxas at walsh's own level for the kernel. Each set's kernels are renamed
# to the default's name so walsh-gpu lines up.
#   o3/  O3 (as compiled today)    o0/  O0
set -eu
W=./build/bin/walsh
out=/tmp/k55; rm -rf $out; mkdir -p $out/o3 $out/o0
export WALSH_CACHE_DIR=none
cases="bf16:256 bf16:384 bf16:576 bf16:768 bf16:1024 bf16:1152 bf16:1536 bf16:1920
bf16:2048 bf16:2304 bf16:2816 bf16:3072 bf16:3584 bf16:3840 bf16:4096 bf16:4608
bf16:5120 bf16:6144 bf16:6656 bf16:7168 bf16:7680 bf16:8192 bf16:10240 bf16:12288
bf16:16384 bf16:32768 f16:2816 f16:3840 f16:5120 f32:1024 f32:3840 f32:4096
f32:7168 f32:16384"
for O in 3 0; do
  for c in $cases; do
    dt=${c%%:*}; d=${c##*:}
    rows=65536; [ $d -gt 8192 ] && rows=16384
    WALSH_NVVM_O=$O $W compile --target cuda --dtype $dt --d $d --rows $rows --out $out/o$O >/dev/null
  done
done
for s in o3 o0; do
  for j in $out/$s/*.json; do
    n=$(basename $j .json); base=$(echo $n | sed -E 's/_e[0-9]+t[0-9]+r[0-9]+v[0-9]+[a-z0-9]*_sm_90/_sm_90/')
    if [ "$n" != "$base" ]; then
      python3 - "$j" "$base" <<'PY'
import json,sys
j=json.load(open(sys.argv[1])); j['name']=sys.argv[2]; json.dump(j,open(sys.argv[1],'w'),indent=2)
PY
      mv $j $out/$s/$base.json; mv ${j%.json}.ptx $out/$s/$base.ptx; mv ${j%.json}.cubin $out/$s/$base.cubin
    fi
  done
done
# walsh ran ptxas itself (its own level for each kernel: -O3, or
# --Ofast-compile=min for one warp a row of tiles with 2^k >= 128); the
# JSON's compile_ms is the whole cold compile on this VM.
for f in $(find $out -name '*.ptx'); do rm $f; done
python3 - $out <<'PY'
import json,glob,sys,os
for s in ('o3','o0'):
    for j in sorted(glob.glob(sys.argv[1]+'/'+s+'/*.json')):
        k=json.load(open(j)); print(s, os.path.basename(j)[:-5], round(k['compile_ms']), k['ptxas_options'])
PY
mkdir -p .device && tar cJf .device/k55.tar.xz -C $out .
ls -la .device/k55.tar.xz; for s in $out/*; do echo "$(basename $s) $(ls $s/*.json | wc -l)"; done
