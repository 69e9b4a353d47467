#!/usr/bin/env bash
# Device run 60 (2026-11-30): the whole `walsh bench --target cuda` sweep
# with today's defaults (every size of issue 4, dense factors included,
# 16384 and 65536 rows, decode 1/16/64 under graph replay, cuBLAS beside);
# walsh tune for decode at d = 2560 and 3584; walsh bench --cache (cold
# compile on this host after the one-translation serializer).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv | tee $OUT/device.txt
timeout 420 $B/walsh bench --target cuda --json \
  --sizes 128,256,512,768,1024,1536,2048,3072,4096,5120,6144,7168,8192,12288,16384,32768 \
  > $OUT/bench.json 2> $OUT/bench.err; echo "bench rc=$?"
t() { timeout 60 $B/walsh tune --target cuda --db /tmp/tune.json --force --json "$@" > /tmp/t.json 2>/tmp/t.err || { echo "tune $* failed"; tail -2 /tmp/t.err; }
  python3 -c "
import json;j=json.load(open('/tmp/t.json'))
for s in j['shapes']:
  c=s['config']; print(s['d'], s['dtype'], s['rows'], 'default %.2f'%s['default_us'], 'best %.2f'%s['time_us'], 'x%.3f'%s['speedup_vs_default'], 'e%d t%d r%d v%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['vector_width'],c['cross_warp'],c['row_iters']))
" | tee -a $OUT/tune.txt; cp /tmp/t.json $OUT/tune-$(echo "$*" | tr -c 'a-z0-9' '_').json; }
t --dtype bf16,f16 --batch 1,16 --seq 1 --heads 20 --head-dim 128
t --dtype bf16,f16 --batch 1,16 --seq 1 --heads 28 --head-dim 128
rm -rf /tmp/wc-cache; WALSH_CACHE_DIR=/tmp/wc-cache timeout 120 $B/walsh bench --cache --target cuda > $OUT/cache.txt 2>&1; echo "cache rc=$?"
echo "done $(date -u)"
