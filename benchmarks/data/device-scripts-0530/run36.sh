#!/usr/bin/env bash
# Device run 36 (2026-11-30): walsh tune for issue 7's bhsd and row-sum kernels, bf16 d = 4096, 16384 rows, with the capped grid.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
t() { timeout 110 $B/walsh tune --target cuda --db /tmp/tune.json --force --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.1f'%s['default_us'], 'best %.1f'%s['time_us'], 'frac %.3f'%s['roofline_fraction'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; date -u; }
t --dtype bf16 --batch 2 --seq 8192 --heads 32 --head-dim 128 --layout bhsd
t --dtype bf16 --batch 2 --seq 8192 --heads 32 --head-dim 128 --row-sum
echo "done $(date -u)"
