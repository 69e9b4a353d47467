#!/usr/bin/env bash
# Device run 5 (2026-11-30): walsh tune over the 16384-row shapes of issue
# 7 that are short of 0.85, after the wide transposes and the cap.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
date -u; start=$(date +%s)
pr() { python3 -c "
import json,sys
j=json.load(open(sys.argv[1]))
for r in j['shapes']:
    c=r['config']; print(sys.argv[2], r['d'], r['rows'], 'e%d t%d r%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['cross_warp'],c['row_iters']), '%.2f us' % r['time_us'], 'frac %.3f' % r['roofline_fraction'], 'default %.2f' % r['default_us'], 'x%.2f' % (r['speedup_vs_default'] or 0), 'cands', r['candidates'], 'failed', r.get('failed'))
" "$@"; }
n=0
for j in "--dtype bf16 --row-sum" "--dtype f16 --row-sum" "--dtype bf16" "--dtype f16" "--dtype bf16 --splits 4" "--dtype bf16 --splits 4 --epilogue residual,rmsnorm" "--dtype bf16 --layout bhsd"; do
  n=$((n+1))
  timeout 60 $B/walsh tune --target cuda --batch 2 --seq 8192 --heads 32 --head-dim 128 $j --json > $OUT/tune$n.json 2>$OUT/tune$n.err; pr $OUT/tune$n.json "$j"
done
timeout 60 $B/walsh tune --target cuda --batch 2 --seq 8192 --heads 64 --head-dim 128 --dtype bf16 --epilogue residual,layernorm --json > $OUT/tune-ln.json 2>$OUT/tune-ln.err; pr $OUT/tune-ln.json "ln8192"
echo "took $(( $(date +%s) - start )) s"
