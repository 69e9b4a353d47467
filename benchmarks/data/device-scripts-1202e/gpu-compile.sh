export WALSH_CACHE_DIR=none
for pass in 1 2; do
for dt in bf16 f32; do
 for d in $(awk '$1=="f32" && $2>=256 && $2<=32768 {print $2}' /work/main/benchmarks/data/vm-zen3-cpu-compile-all-1201.txt); do
  o=/tmp/exp/gc; rm -rf $o; mkdir -p $o
  /work/main/build/bin/walsh compile --target cuda --dtype $dt --d $d --out $o >/dev/null 2>&1
  ms=$(python3 -c "import json,glob; print(round(json.load(open(glob.glob('$o/*.json')[0]))['compile_ms']))")
  echo "$pass $dt $d $ms"
 done
done; done
