#!/usr/bin/env bash
# Device run 20 (2026-11-30): the m-point stage by sign program (n*) against the dense product (o*), two passes; then walsh tune at d = 768 and 5120.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for pass in 1 2; do for v in n65 o65 n16 o16; do
  r=65536; case $v in *16) r=16384;; esac
  timeout 90 $B/walsh-gpu .device/v20/$v --rows $r --check-rows 257 2>&1 | grep -E 'outproj|FAIL|rror' | awk -v p=$pass -v v=$v '{print p, v, $0}'
done; done | tee $OUT/sweep.txt
t() { timeout 100 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype bf16,f16 --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.1f'%s['default_us'], 'best %.1f'%s['time_us'], 'frac %.3f'%s['roofline_fraction'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; }
t --batch 8 --seq 8192 --heads 12 --head-dim 64        # 768
t --batch 8 --seq 8192 --heads 40 --head-dim 128       # 5120
t --batch 2 --seq 8192 --heads 6,40 --head-dim 128     # 768, 5120 at 16384 rows
echo "done $(date -u)"
