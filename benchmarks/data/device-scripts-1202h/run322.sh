#!/usr/bin/env bash
# Device run 322 (2026-12-02): the final build (the bundle of this
# commit): walsh run --check through the JIT of the f16 defaults run321
# changed, and walsh bench of every f16 size the session changed, cuBLAS
# beside.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
date -u +%H:%M:%S
echo "== walsh run --check"
for d in 3840 5632 6656; do
  for rows in 65 131 1000; do
    $B/walsh run --target cuda --dtype f16 --d $d --rows $rows --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('f16', $d, $rows, j.get('max_rel_error'), j.get('cache'))" 2>&1 | tail -1
  done
done
date -u +%H:%M:%S
echo "== walsh bench"
$B/walsh bench --target cuda --dtypes f16 --sizes 2816,3328,3840,4608,5120,5632,6656,7680 --rows 65536,16384 --decode-rows none 2>&1 | grep -E "^(dtype|bf16|f16)"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run322.txt
