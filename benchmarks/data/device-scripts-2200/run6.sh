#!/usr/bin/env bash
# Device run 6 (2026-11-29): row sums with reciprocals carried a group
# ahead (every row-sum kernel of the conformance set, checked), their
# timings, and the C API test (CUDA output cast).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
mkdir -p /tmp/k
for dtype in f32 f16 bf16; do
  for j in "--heads 32 --head-dim 128" "--heads 12 --head-dim 64" "--heads 32 --head-dim 128 --rows 16" "--heads 32 --head-dim 128 --rows 1" \
           "--heads 32 --head-dim 128 --epilogue residual,rmsnorm --rows 65536" "--heads 12 --head-dim 64 --epilogue residual,layernorm" \
           "--heads 32 --head-dim 128 --row-iters 3" "--heads 12 --head-dim 64 --row-iters 4 --epilogue residual,rmsnorm" \
           "--heads 32 --head-dim 128 --rows 65536" "--heads 32 --head-dim 128 --rows 16384" "--heads 32 --head-dim 128 --rows 16384 --epilogue residual,rmsnorm" \
           "--heads 256 --head-dim 128" "--heads 32 --head-dim 128 --out-dtype f32 --row-iters 3" "--heads 32 --head-dim 128 --out-dtype bf16 --rows 16384"; do
    $B/walsh compile --target cuda --dtype $dtype --row-sum $j --out /tmp/k > /dev/null || echo "compile failed: $j"
  done
done
$B/walsh-gpu /tmp/k --check-rows 257 --no-time > $OUT/conf.txt 2>&1; echo "walsh-gpu rc=$? PASS $(grep -c PASS $OUT/conf.txt) of $(ls /tmp/k/*.json | wc -l)"; grep -E "FAIL|rror" $OUT/conf.txt | head
for a in "--dtype bf16" "--dtype bf16 --epilogue residual,rmsnorm" "--dtype f32" "--dtype f32 --epilogue residual,rmsnorm"; do
  for r in 16384 1 16; do
    $B/walsh run --target cuda --heads 32 --head-dim 128 --row-sum $a --rows $r --check --json > $OUT/t.json 2>&1
    python3 -c "import json;j=json.load(open('$OUT/t.json'));print('[row-sum $a] rows $r','us %.2f'%j['time_us'],'graph',('%.2f'%j['graph_us']) if j.get('graph_us') else '-','frac %.3f'%j['roofline_fraction'],'err %.2g'%j['max_rel_error'],j['ok'])" || tail -3 $OUT/t.json
  done
done
echo "== C API test"
WALSH_CACHE_DIR=none /tmp/walsh-bundle/tests/walsh-capi-test 2>&1 | tail -4
