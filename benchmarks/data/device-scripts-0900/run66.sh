#!/usr/bin/env bash
# Device run 66 (2026-11-30): walsh tune for fp32 decode with a dense
# factor at 2^k = 128 and 256 (d = 1536, 2560, 3072, 3584, 5120, 7168),
# 1 and 16 rows, per call under graph replay.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
t() { timeout 250 $B/walsh tune --target cuda --db /tmp/tune.json --force --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.2f'%s['default_us'], 'best %.2f'%s['time_us'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
  for t in s['timings'][:3]:
    c=t['config']; print('   ', t['time_us'] and round(t['time_us'],2), 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; cp /tmp/t.json $OUT/tune-$(echo "$*" | tr -c 'a-z0-9' '_' | cut -c1-60).json; }
t --dtype f32 --batch 1,16 --seq 1 --heads 12,20,24,28,40,56 --head-dim 128
echo "done $(date -u)"
