#!/usr/bin/env bash
# Device run 340 (2026-12-03): the bundle of the commit with 16-bit 8192's
# new default (the power-of-two split, two blocks a multiprocessor): every
# conformance kernel on the split (build-340.sh's /tmp/confsub, checked as
# the test does); 8192's new default in its forms beside the old
# configuration (walsh-gpu, two passes, 65536 and 16384 rows); walsh run
# --check through the JIT; walsh bench of 8192, cuBLAS beside.
set -u
cd /tmp && rm -rf walsh-bundle sets confsub && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
date -u +%H:%M:%S
echo "== conformance (the split's kernels)"
timeout 120 $B/walsh-gpu /tmp/confsub --check-rows 257 --no-time > $OUT/h200-conformance-sub-run340.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-sub-run340.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-sub-run340.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-sub-run340.txt | head
date -u +%H:%M:%S
echo "== 8192 forms"
for pass in 1 2; do
  for rows in 65536 16384; do
    for s in new-bf16 old-bf16 new-f16 old-f16; do
      timeout 60 $B/walsh-gpu /tmp/sets/$s --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$rows' p'$pass' '$s' " $0}'
    done
  done
done
date -u +%H:%M:%S
echo "== walsh run --check (JIT)"
for dt in bf16 f16; do
  for rows in 65 1000 65536; do
    timeout 60 $B/walsh run --target cuda --dtype $dt --d 8192 --rows $rows --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('$dt', 8192, $rows, j.get('max_rel_error'), j.get('roofline_fraction'))" 2>&1 | tail -1
  done
done
echo "== walsh bench"
timeout 100 $B/walsh bench --target cuda --dtypes bf16,f16 --sizes 8192 --rows 65536,16384 --decode-rows none 2>&1 | grep -E "^(dtype|bf16|f16|f32)"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run340.txt
