#!/usr/bin/env bash
# Device run 2 (2026-11-30): wide transposes with the register cap, against
# the old plan; fused norms at 8192; the tuner at 8192-32768.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader; date -u
start=$(date +%s)
for mode in wide nowide; do
  unset WALSH_NO_WIDE WALSH_NO_CAP
  case $mode in nowide) export WALSH_NO_WIDE=1;; esac
  $B/walsh bench --target cuda --dtypes bf16,f16,f32 --sizes 2048,8192,16384,32768 --rows 16384,65536 --decode-rows none --no-dense --json > $OUT/bench-$mode.json 2>$OUT/bench-$mode.err; echo "$mode bench rc=$? at $(( $(date +%s) - start )) s"
done
python3 - <<'PY'
import json,os
o=os.environ['OUT']
data={m:{(r['dtype'],r['d'],r['rows']):r for r in json.load(open(f'{o}/bench-{m}.json'))} for m in ('wide','nowide')}
print('dtype d rows | frac nowide | wide+cap')
for k in data['wide']:
    print(*k, ' '.join('%.3f' % data[m][k]['roofline_fraction'] if k in data[m] else '-' for m in ('nowide','wide')))
PY
echo "== fused, 16384 rows"
for mode in wide nocap nowide; do
  unset WALSH_NO_WIDE WALSH_NO_CAP
  case $mode in nowide) export WALSH_NO_WIDE=1;; nocap) export WALSH_NO_CAP=1;; esac
  for a in "--d 8192 --dtype bf16 --epilogue residual,rmsnorm" "--d 8192 --dtype f16 --epilogue residual,rmsnorm" "--d 8192 --dtype bf16 --epilogue residual,layernorm" "--d 16384 --dtype bf16 --epilogue residual,rmsnorm" "--heads 64 --head-dim 128 --dtype bf16 --layout bhsd" "--heads 64 --head-dim 128 --dtype bf16 --row-sum"; do
    $B/walsh run --target cuda $a --rows 16384 --check --json > $OUT/t.json 2>&1
    python3 -c "import json;j=json.load(open('$OUT/t.json'));print('$mode','$a','us %.2f'%j['time_us'],'frac %.3f'%j['roofline_fraction'],'err %.2g'%j['max_rel_error'],j['ok'])" || tail -3 $OUT/t.json
  done
done
echo "fused done at $(( $(date +%s) - start )) s"
unset WALSH_NO_WIDE WALSH_NO_CAP
export WALSH_CACHE_DIR=/tmp/wc
timeout 200 $B/walsh tune --target cuda --batch 8 --seq 8192 --heads 64 --head-dim 128,256,512 --dtype bf16 --json > $OUT/tune.json 2>$OUT/tune.err; echo "tune rc=$? at $(( $(date +%s) - start )) s"
python3 - <<'PY'
import json,os
j=json.load(open(os.environ['OUT']+'/tune.json'))
for r in j['shapes']:
    c=r['config']; print(r['d'], r['rows'], 'e%d t%d r%d %s i%d'%(c['elems_per_thread'],c['threads_per_row'],c['rows_per_block'],c['cross_warp'],c['row_iters']), '%.2f us' % r['time_us'], 'frac %.3f' % r['roofline_fraction'], 'default %.2f' % r['default_us'], 'x%.2f' % (r['speedup_vs_default'] or 0))
PY
