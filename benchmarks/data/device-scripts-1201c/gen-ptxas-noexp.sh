#!/usr/bin/env bash
# Kernel sets for run207: the bulk defaults at 65536 rows (every size of
# run189's sweep, three dtypes), compiled by walsh with ptxas (A: as walsh
# assembles them), and the same PTX reassembled with
# --allow-expensive-optimizations=false added to walsh's ptxas options (B).
# Prints the ptxas time of each (ms, this VM) as "name A_ms B_ms".
# Usage: gen-ptxas-noexp.sh WALSH OUTDIR
set -eu
W=$1; OUT=$2
rm -rf "$OUT"; mkdir -p "$OUT/A" "$OUT/B"
sizes="128 256 512 1024 2048 4096 8192 16384 32768 10240 12288"
for m in 12 20 28 36 44 52 60; do
  for p in 1 2 4 8 16 32 64 128 256 512 1024; do
    d=$((m * p)); if [ $d -ge 256 ] && [ $d -le 8192 ]; then sizes="$sizes $d"; fi
  done
done
for dt in bf16 f16 f32; do
  for d in $sizes; do
    WALSH_CACHE_DIR=none "$W" compile --target cuda --d $d --dtype $dt --rows 65536 --out "$OUT/A" > /dev/null
  done
done
for j in "$OUT"/A/*.json; do
  stem=${j%.json}; name=$(basename "$stem")
  opts=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get('ptxas_options') or '-O3')" "$j")
  cp "$stem.ptx" "$j" "$OUT/B/"
  t0=$(date +%s%N); ptxas -arch=sm_90 $opts "$stem.ptx" -o /tmp/ptxas-a.cubin; t1=$(date +%s%N)
  # (--Ofast-compile kernels keep their options: ptxas refuses both.)
  extra=--allow-expensive-optimizations=false; case $opts in *fast-compile*) extra= ;; esac
  ptxas -arch=sm_90 $opts $extra "$stem.ptx" -o "$OUT/B/$name.cubin"; t2=$(date +%s%N)
  same=$(cmp -s "$stem.cubin" "$OUT/B/$name.cubin" && echo same || echo differs)
  echo "$name $(( (t1 - t0) / 1000000 )) $(( (t2 - t1) / 1000000 )) $same"
done
