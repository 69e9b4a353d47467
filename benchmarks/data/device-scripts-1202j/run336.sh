#!/usr/bin/env bash
# Device run 336 (2026-12-02): the bundle of the commit with 16-bit 16384's
# new default (the power-of-two split on tensor cores). The conformance
# kernels the session's changes touch (build-336.sh's /tmp/confsub,
# checked as the test does); 16384's new default in its forms beside the
# old configuration (walsh-gpu, two passes, 16384 rows); 8192's default
# beside the split at 65536 and 32768 rows (two passes); walsh run --check
# through the JIT; walsh bench of 8192 and 16384 with cuBLAS beside;
# walsh tune of 4096 and 8192 (the new candidates).
set -u
cd /tmp && rm -rf walsh-bundle sets confsub && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (touched kernels)"
timeout 120 $B/walsh-gpu /tmp/confsub --check-rows 257 --no-time > $OUT/h200-conformance-sub-run336.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-sub-run336.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-sub-run336.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-sub-run336.txt | head
date -u +%H:%M:%S
echo "== 16384 forms"
for pass in 1 2; do
  for s in new-bf16 old-bf16 new-f16 old-f16; do
    timeout 60 $B/walsh-gpu /tmp/sets/$s --check-rows 257 --rows 16384 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$s' p'$pass' " $0}'
  done
done
date -u +%H:%M:%S
echo "== 8192"
for pass in 1 2; do
  for rows in 65536 32768; do
    for s in p8192-bf16 p8192-f16; do
      timeout 60 $B/walsh-gpu /tmp/sets/$s --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$rows' p'$pass' " $0}'
    done
  done
done
date -u +%H:%M:%S
echo "== walsh run --check (JIT)"
for dt in bf16 f16; do
  for rows in 65 1000 16384; do
    timeout 60 $B/walsh run --target cuda --dtype $dt --d 16384 --rows $rows --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('$dt', 16384, $rows, j.get('max_rel_error'), j.get('roofline_fraction'))" 2>&1 | tail -1
  done
done
date -u +%H:%M:%S
echo "== walsh bench"
timeout 150 $B/walsh bench --target cuda --dtypes bf16,f16 --sizes 8192,16384 --rows 65536,16384 --decode-rows none 2>&1 | grep -E "^(dtype|bf16|f16|f32)"
date -u +%H:%M:%S
echo "== walsh tune"
timeout 120 $B/walsh tune --target cuda --dtype bf16,f16 --batch 16,4 --seq 4096 --heads 32,64 --head-dim 128 --db $OUT/tune336.json 2>&1 | tail -12
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run336.txt
