#!/usr/bin/env bash
# Device run 2 (2026-11-29): 16-byte shared-memory planes in the transposes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
echo "== conformance"
start=$(date +%s)
bash tests/gpu/gpu-conformance.sh $B > $OUT/conformance.txt 2>&1; echo "rc=$?"
echo "conformance took $(( $(date +%s) - start )) s; PASS: $(grep -c PASS $OUT/conformance.txt)"
grep -v PASS $OUT/conformance.txt | grep -v "^device\|^kernel\|compiling" | head -20
echo "== bench"
$B/walsh bench --target cuda --dtypes bf16,f16,f32 --sizes 768,1024,2048,4096,5120,8192,16384,32768 --decode-rows none --json > $OUT/bench.json 2>$OUT/bench.err; echo "bench rc=$?"
python3 - <<'PY'
import json,os
for r in json.load(open(os.environ['OUT']+'/bench.json')):
    print(f"{r['dtype']:5} {r['d']:6} {r['rows']:6} {r.get('config','')[:22]:22} {r['time_us']:9.2f} copy {r['copy_us']:8.2f} frac {r['roofline_fraction']:.3f} cublas {r.get('cublas_us') or 0:9.2f}")
PY
echo "== fused"
for a in "--d 4096 --dtype bf16 --epilogue residual,rmsnorm" "--d 4096 --dtype bf16 --out-dtype f32 --epilogue residual,rmsnorm" "--d 4096 --dtype bf16 --out-dtype f32" \
         "--heads 32 --head-dim 128 --dtype bf16 --layout bhsd" "--heads 32 --head-dim 128 --dtype bf16 --layout bhsd --epilogue residual,rmsnorm" \
         "--heads 32 --head-dim 128 --dtype bf16 --splits 4" "--heads 32 --head-dim 128 --dtype bf16 --splits 4 --epilogue residual,rmsnorm" \
         "--heads 32 --head-dim 128 --dtype bf16 --row-sum" "--heads 32 --head-dim 128 --dtype bf16 --row-sum --epilogue residual,rmsnorm"; do
  $B/walsh run --target cuda $a --rows 16384 --check --json > $OUT/t.json 2>&1
  python3 -c "import json;j=json.load(open('$OUT/t.json'));print('$a','us %.2f'%j['time_us'],'frac %.3f'%j['roofline_fraction'],'err %.2g'%j['max_rel_error'],j['ok'])" || tail -3 $OUT/t.json
done
echo "== ncu"
timeout 120 ncu --clock-control none --launch-skip 3 --launch-count 1 -k regex:outproj --section SpeedOfLight \
  --metrics l1tex__data_bank_conflicts_pipe_lsu_mem_shared_op_ld.sum,l1tex__data_bank_conflicts_pipe_lsu_mem_shared_op_st.sum,l1tex__data_pipe_lsu_wavefronts_mem_shared.sum,smsp__inst_executed_op_shared_ld.sum,smsp__inst_executed_op_shared_st.sum \
  $B/walsh run --target cuda --d 4096 --dtype bf16 --rows 65536 > $OUT/ncu4096.txt 2>&1
grep -E "Duration|Throughput|bank_conflicts|wavefronts|inst_executed" $OUT/ncu4096.txt
