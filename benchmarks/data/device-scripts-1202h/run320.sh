#!/usr/bin/env bash
# Device run 320 (2026-12-02): the tf32 stage 2 as the rule (the bundle of
# this commit): the whole GPU conformance set compiled on the VM
# (tests/gpu/gpu-conformance.sh build/bin --compile-only /tmp/conf; .ptx
# left out) checked as the test does; walsh run --check through the JIT;
# walsh bench of the f16 sizes the rule changes, cuBLAS beside; the
# rounding by cvt.rna against half an ulp added (build-add.sh's sets,
# walsh-gpu, two passes); walsh tune over the f16 misses.
set -u
cd /tmp && rm -rf walsh-bundle conf sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance"
$B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run320.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-run320.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run320.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-run320.txt | head
date -u +%H:%M:%S
echo "== walsh run --check"
for d in 3328 4608 7680; do
  for rows in 65 131 1000; do
    $B/walsh run --target cuda --dtype f16 --d $d --rows $rows --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('f16', $d, $rows, j.get('max_rel_error'), j.get('cache'))" 2>&1 | tail -1
  done
done
date -u +%H:%M:%S
echo "== walsh bench"
$B/walsh bench --target cuda --dtypes f16 --sizes 2816,3328,3840,4608,5120,5632,6656,7680 --rows 65536,16384 --decode-rows none 2>&1 | grep -E "^(dtype|bf16|f16)"
date -u +%H:%M:%S
echo "== cvt.rna (r) against half an ulp added (a)"
for pass in 1 2; do
  for rows in 65536 16384; do
    for v in r a; do
      $B/walsh-gpu /tmp/sets/$v$rows --check-rows 257 --rows $rows 2>&1 | grep outproj | awk '{print "'$v$rows' p'$pass' " $0}'
    done
  done
done
date -u +%H:%M:%S
echo "== walsh tune"
timeout 240 $B/walsh tune --target cuda --dtype f16 --batch 16,4 --seq 4096 --heads 44,52,60 --head-dim 128 --db /tmp/tune320.json 2>&1 | tail -12
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run320.txt
