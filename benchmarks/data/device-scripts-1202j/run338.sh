#!/usr/bin/env bash
# Device run 338 (2026-12-03): the session's final build (the bundle of
# the commit that adds this script): the whole GPU conformance set
# compiled on the VM (tests/gpu/gpu-conformance.sh build/bin --compile-only
# /tmp/conf; .ptx left out) checked as the test does; walsh run --check of
# 16-bit 4096 through the JIT; walsh bench of 4096 and 16384, cuBLAS beside.
set -u
cd /tmp && rm -rf walsh-bundle conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance"
timeout 420 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run338.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-run338.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run338.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-run338.txt | head
date -u +%H:%M:%S
echo "== walsh run --check"
for dt in bf16 f16; do
  for rows in 65 1000 65536; do
    timeout 60 $B/walsh run --target cuda --dtype $dt --d 4096 --rows $rows --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('$dt', 4096, $rows, j.get('max_rel_error'), j.get('roofline_fraction'))" 2>&1 | tail -1
  done
done
date -u +%H:%M:%S
echo "== walsh bench"
timeout 100 $B/walsh bench --target cuda --dtypes bf16,f16 --sizes 4096,16384 --rows 65536,16384 --decode-rows none 2>&1 | grep -E "^(dtype|bf16|f16|f32)"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run338.txt
