#!/usr/bin/env bash
# Device run 147 (2026-11-30): decode at d = 3584 (28 x 128), the one size
# over issue 4's 2.5 us a call under CUDA-graph replay: the default (28
# values over 128 threads) against other layouts, `walsh run --check`
# (each checked against the float64 oracle), its graph_us, rows 1 and 16.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
G="stdbuf -oL -eL timeout"
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%T
for dt in bf16 f16 f32; do
  v=8; [ $dt = f32 ] && v=4
  for r in 1 16; do
    while read -r cfg; do
      $G 60 $B/walsh run --target cuda --d 3584 --dtype $dt --rows $r $cfg --check --json 2>&1 | python3 -c "
import json,sys
t=sys.stdin.read()
try:
    j=json.loads(t); print('$dt', $r, '[$cfg]', 'ok', j.get('ok'), 'graph_us', round(j['graph_us'],3) if j.get('graph_us') is not None else None, 'us', round(j['time_us'],2))
except Exception: print('$dt', $r, '[$cfg]', 'ERROR', t.strip().splitlines()[-1][:160] if t.strip() else '')"
    done <<CFG

--elems-per-thread 28 --threads-per-row 128 --vector-width 2
--elems-per-thread 28 --threads-per-row 128 --vector-width 4
--elems-per-thread 56 --threads-per-row 64
--elems-per-thread 56 --threads-per-row 64 --vector-width 2
--elems-per-thread 16 --threads-per-row 224 --vector-width $v
--elems-per-thread 32 --threads-per-row 112 --vector-width $v
--elems-per-thread 8 --threads-per-row 448 --vector-width $v
--elems-per-thread 16 --threads-per-row 224 --vector-width $v --cross-warp transpose
--elems-per-thread 32 --threads-per-row 112 --vector-width $v --cross-warp transpose

CFG
  done
done
date -u +%T
} 2>&1 | tee $OUT/run147.txt
echo "done $(date -u)"
