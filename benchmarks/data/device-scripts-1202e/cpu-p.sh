# prefetch_per_line at small d: walsh run --target cpu, one thread, 256 MB, passes rotating the order
W=${W:-/work/main/build/bin/walsh}
export WALSH_CACHE_DIR=none
for pass in 1 2 3; do
 case $pass in 1) vs="0 1 2 4";; 2) vs="4 2 1 0";; 3) vs="2 0 4 1";; esac
 for dt in f32 bf16; do for d in 128 256 512; do
  eb=4; [ $dt = bf16 ] && eb=2; r=$((268435456/eb/d))
  for p in $vs; do
   o=""; [ $p != 0 ] && o="--prefetch-per-line $p"
   $W run --target cpu --dtype $dt --d $d --rows $r --threads ${THREADS:-1} --json $o 2>/dev/null | python3 -c "import json,sys; j=json.load(sys.stdin); print('pass $pass $dt $d p$p', round(j['roofline_fraction'],2))"
  done
 done; done
done
