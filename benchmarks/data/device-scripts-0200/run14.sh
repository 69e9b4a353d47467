#!/usr/bin/env bash
# Device run 14 (2026-11-30): walsh tune over the sizes issue 4 still
# misses, with this session's code (bundle of 73414ee): which configuration
# is fastest now, against the default.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
t() { timeout 100 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype bf16,f16 --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.1f'%s['default_us'], 'best %.1f'%s['time_us'], 'frac %.3f'%s['roofline_fraction'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; }
t --batch 8 --seq 8192 --heads 8 --head-dim 128        # 1024, 65536 rows
t --batch 8 --seq 8192 --heads 12 --head-dim 64        # 768
t --batch 8 --seq 8192 --heads 32 --head-dim 128       # 4096
t --batch 8 --seq 8192 --heads 64 --head-dim 128       # 8192
t --batch 8 --seq 8192 --heads 40 --head-dim 128       # 5120
t --batch 2 --seq 8192 --heads 32,64,128 --head-dim 128  # 4096, 8192, 16384 at 16384 rows
echo "done $(date -u)"
