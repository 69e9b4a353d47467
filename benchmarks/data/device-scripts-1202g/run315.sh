#!/usr/bin/env bash
# Device run 315 (2026-12-02): the final rule's kernels (the bundle of this
# commit): build-315.sh's conformance kernels checked (walsh-gpu
# --no-time); walsh run --check through the JIT at 65, 131 and 1000 rows
# of the sizes run313 did not check; walsh bench of the changed defaults
# with cuBLAS beside.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
date -u +%H:%M:%S
echo "== conformance kernels"
$B/walsh-gpu /tmp/sets/conf --check-rows 257 --no-time 2>&1 | grep "outproj\|FAIL\|rror"
echo "== walsh run --check"
for s in "bf16 13312" "bf16 14336" "bf16 28672" "f16 13312" "f16 15360"; do
  set -- $s
  for rows in 65 131 1000; do
    $B/walsh run --target cuda --dtype $1 --d $2 --rows $rows --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('$1', $2, $rows, j.get('max_rel_error'))" 2>&1 | tail -1
  done
done
date -u +%H:%M:%S
echo "== walsh bench"
$B/walsh bench --target cuda --dtypes bf16 --sizes 13312,14336,28672 --rows 65536,16384 --decode-rows none 2>&1 | grep -E "^(dtype|bf16|f16)"
$B/walsh bench --target cuda --dtypes f16 --sizes 13312,15360 --rows 65536,16384 --decode-rows none 2>&1 | grep -E "^(dtype|bf16|f16)"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run315.txt
