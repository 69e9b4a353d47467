#!/usr/bin/env bash
# Device run 49 (2026-11-30): the final tree. GPU conformance (the kernels
# of tests/gpu/gpu-conformance.sh --compile-only, checked on 257 rows, each
# row-group kernel a second time on a grid of 3 blocks); PyTorch's paths
# for issue 7 (benchmarks/torch_baselines.py); walsh's row-sum and bhsd
# kernels at those shapes through `walsh run --check --json`.
set -u
cd /tmp && rm -rf walsh-bundle conf49 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/conf49.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
timeout 150 python3 benchmarks/torch_baselines.py $OUT/torch-baselines.json > $OUT/torch.txt 2>&1; echo "torch rc=$?"; cat $OUT/torch.txt | cut -c1-400
export WALSH_CACHE_DIR=/tmp/wc
for k in "--layout bhsd" "--row-sum" "" "--layout bhsd --epilogue residual,rmsnorm" "--row-sum --epilogue residual,rmsnorm"; do
  timeout 60 $B/walsh run --target cuda --heads 32 --head-dim 128 --batch 4 --seq 4096 --dtype bf16 $k --check --json > /tmp/r.json 2>/tmp/r.err || { echo "run $k failed: $(tail -1 /tmp/r.err)"; continue; }
  python3 -c "import json;j=json.load(open('/tmp/r.json'));print('walsh run $k:', 'us=%.1f frac=%.3f err=%s ok=%s'%(j['time_us'],j['roofline_fraction'],j.get('max_rel_error'),j.get('ok')))" | tee -a $OUT/walsh-run.txt
done
date -u
timeout 400 $B/walsh-gpu /tmp/conf49 --check-rows 257 --no-time > $OUT/conformance.txt 2>&1; echo "conformance rc=$?"
echo "PASS $(grep -c PASS $OUT/conformance.txt) FAIL $(grep -c FAIL $OUT/conformance.txt)"; grep -E 'FAIL|rror' $OUT/conformance.txt | head
echo "done $(date -u)"
