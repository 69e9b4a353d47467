#!/usr/bin/env bash
# Device run 252 (2026-12-01): (1) the binding's eager path (walsh.outproj
# outside torch.compile: the kernel alone without gradients, an
# autograd.Function with them): test_walsh.py torch, then op_timing.py
# twice; (2) decode d = 3584 with H_m on tensor cores (vector width 2,
# cross_warp = mma: one, two or four warps a row, 1-4 rows a block)
# against the default, `walsh run --check --json` graph_us, rows 1 and 16.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
python3 /tmp/walsh-bundle/tests/python/test_walsh.py torch 2>&1 | tail -12; echo "rc=$?"
for i in 1 2; do python3 benchmarks/data/device-scripts-1201h/op_timing.py 2>&1 | tail -7; done
date -u +%H:%M:%S
for dt in bf16 f16; do
  for r in 1 16; do
    while read -r cfg; do
      timeout 60 $B/walsh run --target cuda --d 3584 --dtype $dt --rows $r $cfg --check --json 2>&1 | python3 -c "
import json,sys
t=sys.stdin.read()
try:
    j=json.loads(t); print('$dt', $r, '[$cfg]', 'err', j.get('max_rel_error'), 'graph_us', round(j['graph_us'],3) if j.get('graph_us') is not None else None, 'us', round(j['time_us'],2))
except Exception: print('$dt', $r, '[$cfg]', 'ERROR', t.strip().splitlines()[-1][:200] if t.strip() else '')"
    done <<CFG

--elems-per-thread 112 --threads-per-row 32 --vector-width 2 --cross-warp mma --rows-per-block 1
--elems-per-thread 56 --threads-per-row 64 --vector-width 2 --cross-warp mma --rows-per-block 1
--elems-per-thread 28 --threads-per-row 128 --vector-width 2 --cross-warp mma --rows-per-block 1
--elems-per-thread 56 --threads-per-row 64 --vector-width 2 --cross-warp mma --rows-per-block 2
--elems-per-thread 28 --threads-per-row 128 --vector-width 2 --cross-warp mma --rows-per-block 2
--elems-per-thread 112 --threads-per-row 32 --vector-width 2 --cross-warp mma --rows-per-block 4
--elems-per-thread 112 --threads-per-row 32 --cross-warp mma --rows-per-block 1
--elems-per-thread 56 --threads-per-row 64 --cross-warp mma --rows-per-block 1

CFG
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run252.txt
