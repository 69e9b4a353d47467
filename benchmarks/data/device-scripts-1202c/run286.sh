#!/usr/bin/env bash
# Device run 286 (2026-12-02): the build with the split layout on tensor
# cores the default past 12288 too (14336, 20480, 24576, 28672; pieces of
# one position past m = 28; uncommitted then). build-sg3.sh's kernels:
# every form of the new defaults checked (257 rows, packed and strided,
# float64); the split layout at m >= 36 timed against the copy, two
# passes; walsh run --check at row counts that leave blocks idle; walsh
# bench of the new sizes and of m >= 36 (cuBLAS beside).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/sg3 && tar xJf .device/sg3.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
echo "== every form, checked"
for v in $(cd /tmp/sg3 && ls -d sm/*); do
  $B/walsh-gpu /tmp/sg3/$v --check-rows 257 --no-time 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|$v |"
done
date -u +%H:%M:%S
echo "== timed"
for pass in 1 2; do
  for v in $(cd /tmp/sg3 && ls -d x/*); do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/sg3/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
  date -u +%H:%M:%S
done
echo "== walsh run --check"
for dt in bf16 f16; do for d in 3072 7168 10240 14336 20480; do for rows in 1000 65 131; do
  $B/walsh run --target cuda --dtype $dt --d $d --rows $rows --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('$dt', $d, $rows, j.get('max_rel_error'), j.get('check'))" 2>&1 | tail -1
done; done; done
date -u +%H:%M:%S
echo "== walsh bench"
$B/walsh bench --target cuda --sizes 14336,20480,24576,28672,9216,11264,18432 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1 | tail -34
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run286.txt
