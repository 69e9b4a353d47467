#!/usr/bin/env bash
# Device run 50 (2026-11-30): walsh tune for the decode shapes that miss
# issue 4's 2.5 us a call by a few hundredths (16-bit d = 3072, f16 1536),
# 1 and 16 rows, per call under CUDA-graph replay.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
t() { timeout 100 $B/walsh tune --target cuda --db /tmp/tune.json --force --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.2f'%s['default_us'], 'best %.2f'%s['time_us'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; cp /tmp/t.json $OUT/tune-$(echo "$*" | tr -c 'a-z0-9' '_').json; }
t --dtype bf16,f16 --batch 1,16 --seq 1 --heads 24 --head-dim 128
t --dtype bf16,f16 --batch 1,16 --seq 1 --heads 12 --head-dim 128
echo "done $(date -u)"
