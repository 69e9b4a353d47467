#!/usr/bin/env bash
# Device run 3 (2026-11-30): full GPU conformance and the C test after the
# wide transposes and the one-round LayerNorm; candidate configurations
# through walsh-gpu; the bench table.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader; date -u
start=$(date +%s)
echo "== conformance"
timeout 380 bash tests/gpu/gpu-conformance.sh $B > $OUT/conformance.txt 2>&1; echo "rc=$? took $(( $(date +%s) - start )) s; PASS: $(grep -c PASS $OUT/conformance.txt)"
grep -v PASS $OUT/conformance.txt | grep -v "^device\|^kernel\|compiling" | head -20
echo "== C test"
WALSH_CACHE_DIR=none timeout 60 /tmp/walsh-bundle/tests/walsh-capi-test > $OUT/capi.txt 2>&1; echo "capi rc=$?"; tail -2 $OUT/capi.txt
echo "== candidates at $(( $(date +%s) - start )) s"
mkdir -p /tmp/e16 /tmp/e65
for dt in bf16 f16; do
  for ep in residual,rmsnorm residual,layernorm; do
    for d in 4096 8192; do $B/walsh compile --target cuda --dtype $dt --d $d --rows 16384 --epilogue $ep --out /tmp/e16 > /dev/null || echo "compile failed"; done
    $B/walsh compile --target cuda --dtype $dt --d 8192 --rows 16384 --epilogue $ep --rows-per-block 1 --out /tmp/e16 > /dev/null || echo "compile failed"
  done
  for d in 2048 4096; do
    $B/walsh compile --target cuda --dtype $dt --d $d --rows 65536 --out /tmp/e65 > /dev/null || echo "compile failed"
    $B/walsh compile --target cuda --dtype $dt --d $d --rows 65536 --rows-per-block 1 --out /tmp/e65 > /dev/null || echo "compile failed"
  done
done
timeout 60 $B/walsh-gpu /tmp/e16 --rows 16384 --check-rows 257 > $OUT/cand16.txt 2>&1; echo "rc=$?"; cat $OUT/cand16.txt
timeout 60 $B/walsh-gpu /tmp/e65 --rows 65536 --check-rows 257 > $OUT/cand65.txt 2>&1; echo "rc=$?"; cat $OUT/cand65.txt
echo "== bench at $(( $(date +%s) - start )) s"
timeout 120 $B/walsh bench --target cuda --dtypes bf16,f16,f32 --sizes 768,1024,2048,4096,5120,8192,16384,32768 --decode-rows 1,16 --json > $OUT/bench.json 2>$OUT/bench.err; echo "bench rc=$? at $(( $(date +%s) - start )) s"
python3 - <<'PY'
import json,os
for r in json.load(open(os.environ['OUT']+'/bench.json')):
    g = r.get('graph_us')
    print(f"{r['dtype']:5} {r['d']:6} {r['rows']:6} {r['time_us']:9.2f} copy {r['copy_us']:8.2f} frac {r['roofline_fraction']:.3f} cublas {r.get('cublas_bf16_us') or 0:9.2f} graph {g}")
PY
