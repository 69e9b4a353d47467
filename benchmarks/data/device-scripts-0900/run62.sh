#!/usr/bin/env bash
# Device run 62 (2026-11-30): the conformance kernels whose PTX the fp32
# dense defaults changed (d = 3072: two chunks; 6144: split, shuffles),
# checked on 257 rows; walsh bench of fp32 3072 / 6144 against the copy;
# walsh tune for the 16-bit near misses at 16384 rows (d = 512, 768, 1536).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
rm -rf /tmp/k62 && tar xJf .device/k62.tar.xz -C /tmp
$B/walsh-gpu /tmp/k62 --check-rows 257 --no-time 2>&1 | tee $OUT/conformance-k62.txt | tail -8
for i in 1 2; do timeout 120 $B/walsh bench --target cuda --sizes 3072,6144 --dtypes f32 --rows 16384,65536 --decode-rows none 2>&1 | tee -a $OUT/bench-f32.txt; done
t() { timeout 150 $B/walsh tune --target cuda --db /tmp/tune.json --force --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.2f'%s['default_us'], 'best %.2f'%s['time_us'], 'frac %.2f'%s['roofline_fraction'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; cp /tmp/t.json $OUT/tune-$(echo "$*" | tr -c 'a-z0-9' '_' | cut -c1-60).json; }
t --dtype bf16,f16 --batch 4 --seq 4096 --heads 8,12,24 --head-dim 64
echo "done $(date -u)"
