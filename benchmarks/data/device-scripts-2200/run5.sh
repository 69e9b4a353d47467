#!/usr/bin/env bash
# Device run 5 (2026-11-29): the session's final figures.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
mkdir -p /tmp/k
n=0
for dtype in f16 bf16; do
  for d in 2048 4096 8192; do for ep in residual,rmsnorm layernorm; do
    $B/walsh compile --target cuda --dtype $dtype --d $d --rows 16384 --epilogue $ep --out /tmp/k > /dev/null || echo "compile failed"; n=$((n+1)); done; done
  for j in "--splits 4 --rows 16384 --epilogue residual,rmsnorm" "--layout bhsd --rows 16384 --epilogue residual,layernorm" "--out-dtype f32 --rows 16384 --epilogue residual,rmsnorm" "--splits 4 --rows 16 --epilogue residual,rmsnorm"; do
    $B/walsh compile --target cuda --dtype $dtype --heads 32 --head-dim 128 $j --out /tmp/k > /dev/null || echo "compile failed: $j"; done
done
$B/walsh-gpu /tmp/k --check-rows 257 --no-time > $OUT/conf.txt 2>&1; echo "walsh-gpu rc=$? PASS $(grep -c PASS $OUT/conf.txt) of $(ls /tmp/k/*.json | wc -l)"; grep -E "FAIL|rror" $OUT/conf.txt | head
echo "== bench"
$B/walsh bench --target cuda --dtypes bf16,f16,f32 --sizes 768,1024,2048,4096,5120,8192,16384,32768 --decode-rows 1,16 --json > $OUT/bench.json 2>$OUT/bench.err; echo "bench rc=$?"
python3 - <<'PY'
import json,os
for r in json.load(open(os.environ['OUT']+'/bench.json')):
    g = r.get('graph_us')
    print(f"{r['dtype']:5} {r['d']:6} {r['rows']:6} e{r['elems_per_thread']}t{r['threads_per_row']}r{r['rows_per_block']}{r['cross_warp'][0]}i{r['row_iters']} {r['time_us']:9.2f} copy {r['copy_us']:8.2f} frac {r['roofline_fraction']:.3f} cublas {r.get('cublas_bf16_us') or 0:9.2f} x{r.get('speedup_vs_cublas') or 0:.2f}" + (f" graph {g:.2f}" if g else ""))
PY
echo "== fused (bf16, 32 x 128)"
for a in "" "--epilogue residual,rmsnorm" "--out-dtype f32" "--out-dtype f32 --epilogue residual,rmsnorm" "--layout bhsd" "--layout bhsd --epilogue residual,rmsnorm" \
         "--splits 4" "--splits 4 --epilogue residual,rmsnorm" "--row-sum" "--row-sum --epilogue residual,rmsnorm"; do
  for r in 16384 1 16 64; do
    case "$a:$r" in *splits*:*|:16384|*:16384) ;; *) continue;; esac
    $B/walsh run --target cuda --heads 32 --head-dim 128 --dtype bf16 $a --rows $r --check --json > $OUT/t.json 2>&1
    python3 -c "import json;j=json.load(open('$OUT/t.json'));print('[$a] rows $r','us %.2f'%j['time_us'],'graph',('%.2f'%j['graph_us']) if j.get('graph_us') else '-','frac %.3f'%j['roofline_fraction'],'err %.2g'%j['max_rel_error'],j['ok'])" || tail -3 $OUT/t.json
  done
done
echo "== fused d 2048/8192 bf16, f16 4096"
for a in "--d 2048 --dtype bf16 --epilogue residual,rmsnorm" "--d 8192 --dtype bf16 --epilogue residual,rmsnorm" "--d 4096 --dtype f16 --epilogue residual,rmsnorm" "--d 4096 --dtype bf16 --epilogue residual,layernorm"; do
  $B/walsh run --target cuda $a --rows 16384 --check --json > $OUT/t.json 2>&1
  python3 -c "import json;j=json.load(open('$OUT/t.json'));print('[$a]','us %.2f'%j['time_us'],'frac %.3f'%j['roofline_fraction'],'err %.2g'%j['max_rel_error'],j['ok'])" || tail -3 $OUT/t.json
done
echo "== C API test"
WALSH_CACHE_DIR=none /tmp/walsh-bundle/tests/walsh-capi-test 2>&1 | tail -3
