#!/usr/bin/env bash
# Device run 64 (2026-11-30): walsh tune in bulk (65536 rows) for the dense
# sizes at 2^k = 128 first measured in run 63 (d = 2560, 3584), every dtype.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
t() { timeout 250 $B/walsh tune --target cuda --db /tmp/tune.json --force --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.2f'%s['default_us'], 'best %.2f'%s['time_us'], 'frac %.2f'%s['roofline_fraction'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
  for t in s['timings'][:4]:
    c=t['config']; print('   ', t['time_us'] and round(t['time_us'],1), 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; cp /tmp/t.json $OUT/tune-$(echo "$*" | tr -c 'a-z0-9' '_' | cut -c1-60).json; }
t --dtype f32 --batch 16 --seq 4096 --heads 20,28 --head-dim 128
t --dtype bf16 --batch 16 --seq 4096 --heads 20,28 --head-dim 128
echo "done $(date -u)"
