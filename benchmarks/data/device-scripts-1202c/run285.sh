#!/usr/bin/env bash
# Device run 285 (2026-12-02): the build with the split layout on tensor
# cores as the default at 16-bit 3072, 6144, 7168, 10240, 12288 (g dense
# indices a warp, a and b in shared memory; uncommitted then).
# build-sg2.sh's kernels: every form of the new defaults checked (257
# rows, packed and strided, float64), the defaults timed; the larger sizes'
# defaults and the split layout given there, timed, two passes; walsh
# bench of the five sizes (cuBLAS beside); walsh tune over three of them.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/sg2 && tar xJf .device/sg2.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,clocks.sm,power.draw,temperature.gpu --format=csv,noheader
echo "== every form, checked"
for v in $(cd /tmp/sg2 && ls -d sm/*); do
  $B/walsh-gpu /tmp/sg2/$v --check-rows 257 --no-time 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|$v |"
done
date -u +%H:%M:%S
echo "== timed"
for pass in 1 2; do
  for v in dflt/bf16 dflt/f16 $(cd /tmp/sg2 && ls -d big/* x/*); do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/sg2/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
  date -u +%H:%M:%S
done
echo "== walsh bench"
$B/walsh bench --target cuda --sizes 3072,6144,7168,10240,12288 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1 | tail -24
date -u +%H:%M:%S
echo "== walsh tune"
$B/walsh tune --target cuda --db /tmp/tune285.json --force --dtype bf16 --batch 16 --seq 4096 --heads 24,56,80 --head-dim 128 2>&1 | tail -12
cp /tmp/tune285.json $OUT/ 2>/dev/null
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run285.txt
