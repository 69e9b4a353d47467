#!/usr/bin/env bash
# Device run 1 (2026-11-30): wide transposes (two instead of three) checked
# and timed against the old plan (WALSH_NO_WIDE) and with minctasm 3.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader
date -u
start=$(date +%s)
mkdir -p /tmp/k
for dtype in bf16 f16 f32; do for d in 2048 8192 16384 32768; do for r in 65536 16; do
  $B/walsh compile --target cuda --dtype $dtype --d $d --rows $r --out /tmp/k > /dev/null || echo "compile failed $dtype $d $r"; done; done
  for j in "--d 8192 --rows 16384 --epilogue residual,rmsnorm" "--d 16384 --rows 16384 --epilogue residual,layernorm" \
           "--heads 64 --head-dim 128 --rows 16384 --layout bhsd" "--heads 64 --head-dim 128 --rows 65536 --row-sum" \
           "--d 8192 --rows 65536 --out-dtype f32" "--d 4096 --rows 300 --transpose --elems-per-thread 32 --threads-per-row 128" "--d 8192 --rows 300 --transpose --elems-per-thread 32 --threads-per-row 256" \
           "--heads 128 --head-dim 128 --rows 4096 --cross-head-only"; do
    $B/walsh compile --target cuda --dtype $dtype $j --out /tmp/k > /dev/null || echo "compile failed: $dtype $j"; done
done
$B/walsh-gpu /tmp/k --check-rows 257 --no-time > $OUT/conf.txt 2>&1; echo "walsh-gpu rc=$? PASS $(grep -c PASS $OUT/conf.txt) of $(ls /tmp/k/*.json | wc -l)"; grep -E "FAIL|rror" $OUT/conf.txt | head
echo "checks took $(( $(date +%s) - start )) s"
for mode in wide nowide wide-m3; do
  unset WALSH_NO_WIDE WALSH_MINCTASM
  case $mode in nowide) export WALSH_NO_WIDE=1;; wide-m3) export WALSH_MINCTASM=3;; esac
  $B/walsh bench --target cuda --dtypes bf16,f16,f32 --sizes 2048,4096,8192,16384,32768 --rows 16384,65536 --decode-rows none --no-dense --json > $OUT/bench-$mode.json 2>$OUT/bench-$mode.err; echo "$mode bench rc=$? at $(( $(date +%s) - start )) s"
done
python3 - <<'PY'
import json,os
o=os.environ['OUT']
data={m:{(r['dtype'],r['d'],r['rows']):r for r in json.load(open(f'{o}/bench-{m}.json'))} for m in ('wide','nowide','wide-m3')}
print('dtype d rows | frac nowide | wide | wide-m3 | config')
for k in data['wide']:
    print(*k, ' '.join('%.3f' % data[m][k]['roofline_fraction'] if k in data[m] else '-' for m in ('nowide','wide','wide-m3')), data['wide'][k].get('config',''))
PY
