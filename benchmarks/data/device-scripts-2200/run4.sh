#!/usr/bin/env bash
# Device run 4 (2026-11-29): new 16-bit defaults checked; the tuner on fused
# and prologue kernels after the planes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
mkdir -p /tmp/k
for dtype in f16 bf16; do for j in "--d 2048 --rows 65536" "--d 2048 --rows 16384" "--d 8192 --rows 65536" "--d 8192 --rows 8192" "--d 2048 --rows 65536 --out-dtype f32" "--d 8192 --rows 16384 --epilogue residual" "--d 2048 --rows 65536 --transpose"; do
  $B/walsh compile --target cuda --dtype $dtype $j --out /tmp/k > /dev/null || echo "compile failed: $j"; done; done
$B/walsh-gpu /tmp/k --check-rows 257 --no-time 2>&1 | tail -n +3
pr() { python3 -c "
import json,sys
j=json.load(open(sys.argv[1]))
for r in j['shapes']:
    c=r['config']; print(sys.argv[2], r['d'], r['rows'], 'e%d t%d r%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['cross_warp'],c['row_iters']), '%.2f us' % r['time_us'], 'frac %.3f' % r['roofline_fraction'], 'default %.2f' % r['default_us'], 'x%.2f' % (r['speedup_vs_default'] or 0))
" "$@"; }
start=$(date +%s)
$B/walsh tune --target cuda --batch 2 --seq 8192 --heads 32 --head-dim 64,128,256 --dtype bf16 --epilogue residual,rmsnorm --json > $OUT/tune-norm.json 2>/dev/null; pr $OUT/tune-norm.json res+rms
$B/walsh tune --target cuda --batch 2 --seq 8192 --heads 32 --head-dim 128 --dtype bf16 --layout bhsd --json > $OUT/tune-bhsd.json 2>/dev/null; pr $OUT/tune-bhsd.json bhsd
$B/walsh tune --target cuda --batch 2 --seq 8192 --heads 32 --head-dim 128 --dtype bf16 --layout bhsd --epilogue residual,rmsnorm --json > $OUT/tune-bhsd-norm.json 2>/dev/null; pr $OUT/tune-bhsd-norm.json bhsd+res+rms
$B/walsh tune --target cuda --batch 2 --seq 8192 --heads 32 --head-dim 128 --dtype bf16 --row-sum --json > $OUT/tune-rs.json 2>/dev/null; pr $OUT/tune-rs.json rowsum
$B/walsh tune --target cuda --batch 2 --seq 8192 --heads 32 --head-dim 128 --dtype bf16 --splits 4 --epilogue residual,rmsnorm --json > $OUT/tune-kv.json 2>/dev/null; pr $OUT/tune-kv.json kv4+res+rms
$B/walsh tune --target cuda --batch 2 --seq 8192 --heads 32 --head-dim 128 --dtype bf16 --out-dtype f32 --epilogue residual,rmsnorm --json > $OUT/tune-cast.json 2>/dev/null; pr $OUT/tune-cast.json cast+res+rms
echo "tune took $(( $(date +%s) - start )) s"
