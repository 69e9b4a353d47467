#!/usr/bin/env bash
# Device run 70 (2026-11-30): walsh tune (rotating sets, as always) for the
# 16-bit near misses with today's tree: bf16 d = 4096 and 8192 at 16384 and
# 65536 rows, 768 and 1536 at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
t() { timeout 200 $B/walsh tune --target cuda --db /tmp/tune.json --force --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.2f'%s['default_us'], 'best %.2f'%s['time_us'], 'frac %.2f'%s['roofline_fraction'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
  for t in s['timings'][:3]:
    c=t['config']; print('   ', t['time_us'] and round(t['time_us'],2), 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; }
t --dtype bf16 --batch 4,16 --seq 4096 --heads 32,64 --head-dim 128
t --dtype bf16 --batch 4 --seq 4096 --heads 12 --head-dim 64,128
echo "done $(date -u)"
