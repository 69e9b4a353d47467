#!/usr/bin/env bash
# Device run 61 (2026-11-30): SASS of 16-bit defaults (is the fp32 -> bf16
# narrowing packed by ptxas?), decode with the m = 20 / 28 rule, walsh tune
# for dense decode (5120, 6144, 7168) and fp32 dense sizes in bulk, fp32
# d = 16384 in 512-thread rows through wide transposes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
mkdir -p /tmp/sass
for a in "--d 3072 --dtype bf16 --rows 65536" "--d 4096 --dtype bf16 --rows 65536" "--d 5120 --dtype bf16 --rows 65536" "--d 768 --dtype bf16 --rows 65536" "--d 4096 --dtype f16 --rows 65536"; do
  $B/walsh inspect --target cuda $a --stage sass > /tmp/sass/$(echo "$a" | tr -c 'a-z0-9' '_').sass 2>&1
done
tar cJf $OUT/sass.tar.xz -C /tmp sass
for f in /tmp/sass/*.sass; do echo "$f $(grep -cE '^\s+/\*[0-9a-f]{4}\*/' $f) F2F=$(grep -c 'F2F\.' $f) F2FP=$(grep -c 'F2FP' $f)"; done
timeout 120 $B/walsh bench --target cuda --sizes 2560,3584 --dtypes bf16,f16 --rows 16384 --decode-rows 1,16 --no-dense 2>&1 | tee $OUT/bench-decode.txt
for r in 65536 16384; do for e in 64 32; do
  $B/walsh run --target cuda --d 16384 --dtype f32 --rows $r --elems-per-thread $e --threads-per-row $((16384/e)) --vector-width 4 --cross-warp transpose --rows-per-block 1 --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('f32 16384', j['rows'], 'e$e', 'frac %.3f'%j['roofline_fraction'], 'us %.1f'%j['time_us'], 'err %.1e'%j['max_rel_error'])" 2>&1 | tee -a $OUT/f32-16384.txt
done; done
t() { timeout 100 $B/walsh tune --target cuda --db /tmp/tune.json --force --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.2f'%s['default_us'], 'best %.2f'%s['time_us'], 'frac %.2f'%s['roofline_fraction'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; cp /tmp/t.json $OUT/tune-$(echo "$*" | tr -c 'a-z0-9' '_' | cut -c1-60).json; }
t --dtype bf16 --batch 1,16 --seq 1 --heads 40,48,56 --head-dim 128
t --dtype f32 --batch 16 --seq 4096 --heads 24,48,56,96 --head-dim 128
echo "done $(date -u)"
