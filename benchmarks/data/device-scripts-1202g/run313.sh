#!/usr/bin/env bash
# Device run 313 (2026-12-02): the split layout's H_m on tensor cores as
# the bf16 default (the bundle of this commit): build-313.sh's conformance
# kernels checked (walsh-gpu --no-time, 257 rows packed and strided);
# walsh run --check through the JIT at 65, 131 and 1000 rows; walsh bench
# of the five sizes with cuBLAS beside; walsh tune over them.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
date -u +%H:%M:%S
echo "== conformance kernels"
$B/walsh-gpu /tmp/sets/conf --check-rows 257 --no-time 2>&1 | grep "outproj\|FAIL\|rror"
echo "== walsh run --check"
for d in 9216 11264 13312 15360 18432; do
  for rows in 65 131 1000; do
    $B/walsh run --target cuda --dtype bf16 --d $d --rows $rows --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print($d, $rows, j.get('max_rel_error'), j.get('config', ''))" 2>&1 | tail -1
  done
done
date -u +%H:%M:%S
echo "== walsh bench"
$B/walsh bench --target cuda --dtypes bf16 --sizes 9216,11264,13312,15360,18432 --rows 65536,16384 --decode-rows none 2>&1 | tail -16
date -u +%H:%M:%S
echo "== walsh tune"
timeout 200 $B/walsh tune --target cuda --dtype bf16 --batch 16,4 --seq 4096 --heads 72,88,104,120 --head-dim 128 --db /tmp/tune313.json 2>&1 | tail -12
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run313.txt
