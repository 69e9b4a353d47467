#!/usr/bin/env bash
# Device run 487 (2026-12-05), 36cc666's bundle: the Python binding's
# kernels per bucket of rows (the torch test: decode rows on their own
# kernel, one in a CUDA graph; the numpy test with its tuning database),
# the C API test, and the tuning database's lookup on the GPU: `walsh tune`
# as 64 heads of 128 at 16 rows, then `walsh run --d 8192 --rows 16` and
# Python's Projection find it (db-nearest).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
walsh --version | head -1
echo "== python torch"
WALSH_CACHE_DIR=none timeout 240 python3 $B/tests/python/test_walsh.py torch 2>&1 | grep -v "^ok " | tail -20
echo "== python numpy"
WALSH_CACHE_DIR=none timeout 60 python3 $B/tests/python/test_walsh.py numpy 2>&1 | grep -v "^ok " | tail -8
echo "== capi"
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
echo "== the tuning database on the GPU"
export WALSH_CACHE_DIR=/tmp/wc487
timeout 60 walsh tune --target cuda --batch 1 --seq 16 --heads 64 --head-dim 128 --dtype bf16 2>&1 | tail -3
walsh run --target cuda --d 8192 --rows 16 --dtype bf16 --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('walsh run --d 8192 --rows 16:', j['config_source'], [j.get(k) for k in ('elems_per_thread','threads_per_row','rows_per_block','vector_width','cross_warp','cluster')], round(j['time_us'],2), j.get('graph_us'))"
walsh run --target cuda --d 8192 --rows 16 --dtype bf16 --tune-mode heuristic --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('heuristic:', j['config_source'], [j.get(k) for k in ('elems_per_thread','threads_per_row','rows_per_block','vector_width','cross_warp','cluster')], round(j['time_us'],2), j.get('graph_us'))"
python3 -c "
import walsh, torch
p = walsh.Projection(8192, 'bf16')
x = torch.randn(16, 8192, device='cuda').bfloat16()
p(x, torch.ones(8192, device='cuda').bfloat16(), torch.zeros(8192, device='cuda').bfloat16())
print('python 16 rows:', p.config_source('cuda', 16), '; 65536 rows:', p.config_source('cuda', 65536), '; rows unknown:', p.config_source('cuda'))
" 2>&1 | tail -3
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-python-rows-buckets-run487.txt
