#!/usr/bin/env bash
# Device run 277 (2026-12-02, the build of the split layout on tensor
# cores, uncommitted then): walsh-gpu over build-sm.sh's kernels, every
# kernel checked on 257 rows (packed and strided) against float64 --
# the new defaults in every form, the old defaults, other sizes; then
# walsh bench of the three sizes (the JIT's defaults, cuBLAS beside), and
# walsh run --check at row counts that leave blocks idle.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/sm && tar xJf .device/sm.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
for pass in 1 2; do
  for v in old/bf16 sm/bf16-plain old/f16 sm/f16-plain; do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/sm/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
done
date -u +%H:%M:%S
for v in $(cd /tmp/sm && ls -d sm/* x/* | grep -v plain); do
  for rows in 65536 16384; do
    $B/walsh-gpu /tmp/sm/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|$v $rows |"
  done
done
date -u +%H:%M:%S
echo "== walsh run --check"
for dt in bf16 f16; do for d in 6144 10240 12288; do for rows in 1000 65 131; do
  $B/walsh run --target cuda --dtype $dt --d $d --rows $rows --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('$dt', $d, $rows, j.get('max_rel_error'), j.get('check'), j.get('config',{}).get('cross_warp') if isinstance(j.get('config'),dict) else j.get('config'))" 2>&1 | tail -1
done; done; done
date -u +%H:%M:%S
echo "== walsh bench"
$B/walsh bench --target cuda --sizes 6144,10240,12288 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1 | tail -16
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run277.txt
