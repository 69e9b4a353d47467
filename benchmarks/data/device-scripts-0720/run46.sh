#!/usr/bin/env bash
# Device run 46 (2026-11-30): issue 7's kernels at d = 4096, 16384 rows,
# every dtype, with the affine table (mk46.sh), checked and timed against
# the copy of the bytes each moves, two passes; then walsh tune for the
# fp32 row-sum and bhsd kernels, which take no row groups by default.
set -u
cd /tmp && rm -rf walsh-bundle v46 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v46.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
for p in 1 2; do timeout 200 $B/walsh-gpu /tmp/v46 --rows 16384 --check-rows 257 | sed "s/^/$p /"; done > $OUT/issue7.txt 2>&1
grep -E 'PASS|FAIL' $OUT/issue7.txt | awk '{print $1, $2, $(NF-3), $NF}' | sort -k2 -s
t() { timeout 110 $B/walsh tune --target cuda --db /tmp/tune.json --force --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.1f'%s['default_us'], 'best %.1f'%s['time_us'], 'frac %.3f'%s['roofline_fraction'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; }
t --dtype f32 --batch 2 --seq 8192 --heads 32 --head-dim 128 --row-sum
t --dtype f32 --batch 2 --seq 8192 --heads 32 --head-dim 128 --layout bhsd
t --dtype f32 --batch 2 --seq 8192 --heads 32 --head-dim 128
echo "done $(date -u)"
