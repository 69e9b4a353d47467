export WALSH_CACHE_DIR=none
for pass in 1 2; do
for dt in f32 bf16 f16; do
 for d in $(awk '$1=="f32"{print $2}' /work/main/benchmarks/data/vm-zen3-cpu-compile-all-1201.txt); do
  ms=$(/work/main/build/bin/walsh run --target cpu --d $d --dtype $dt --rows 1 --threads 1 --json 2>/dev/null | python3 -c "import json,sys; print(round(json.load(sys.stdin)['compile_ms']))")
  echo "$pass $dt $d $ms"
 done
done; done
