#!/usr/bin/env bash
# Device run 21 (2026-11-30): walsh tune over the m * 2^k sizes with the sign-program m-point stage.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
t() { timeout 120 $B/walsh tune --target cuda --db /tmp/tune.json --force --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.1f'%s['default_us'], 'best %.1f'%s['time_us'], 'frac %.3f'%s['roofline_fraction'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; }
t --dtype bf16 --batch 8 --seq 8192 --heads 12,24,48,56,96 --head-dim 128
t --dtype f32 --batch 8 --seq 8192 --heads 12,24,40 --head-dim 128
t --dtype bf16 --batch 2 --seq 8192 --heads 6,12,24,96 --head-dim 128
for pass in 1 2; do for v in n65 o65; do
  timeout 90 $B/walsh-gpu .device/v20/$v --rows 65536 --check-rows 257 2>&1 | grep -E 'd1536_f32|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done | tee $OUT/sweep.txt
echo "done $(date -u)"
