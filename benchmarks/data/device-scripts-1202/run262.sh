#!/usr/bin/env bash
# Device run 262 (2026-12-01, the build of ff0c868): the binding's torch
# test (its kernel-call counts of the partial gradients have never run on a
# GPU); bf16 5632's other forms with one warp a row against two
# (build-w5632.sh -> .device/w5632.tar.xz), walsh-gpu, two passes; walsh
# bench of the new bf16 8192 and 5632 defaults; walsh tune over the fp32
# misses and the 16-bit sizes run259 left out.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/w5632 && tar xJf .device/w5632.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%H:%M:%S
echo "== torch test"
WALSH_CACHE_DIR=none python3 /tmp/walsh-bundle/tests/python/test_walsh.py torch 2>&1 | tail -25; echo "rc=$?"
date -u +%H:%M:%S
echo "== bf16 5632 forms: two warps (dflt) against one (cand)"
for pass in 1 2; do
  for v in dflt cand; do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/w5632/$v --check-rows 257 --rows $rows 2>&1 | grep outproj | sed "s/^/pass $pass $v $rows /"
    done
  done
done
date -u +%H:%M:%S
echo "== walsh bench 5632, 8192"
$B/walsh bench --target cuda --sizes 5632,8192 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1 | tail -12
date -u +%H:%M:%S
echo "== tune fp32"
timeout 60 $B/walsh tune --target cuda --db /tmp/tune262.json --force --dtype f32 --batch 16,4 --seq 4096 --heads 13 --head-dim 32 2>&1 | tail -4
timeout 150 $B/walsh tune --target cuda --db /tmp/tune262.json --force --dtype f32 --batch 16,4 --seq 4096 --heads 15,30,36,44,52,60 --head-dim 128 2>&1 | tail -14
date -u +%H:%M:%S
echo "== tune bf16 large"
timeout 150 $B/walsh tune --target cuda --db /tmp/tune262.json --force --dtype bf16 --batch 16,4 --seq 4096 --heads 52,56,60,80,96,128,256 --head-dim 128 2>&1 | tail -16
date -u +%H:%M:%S
cp /tmp/tune262.json $OUT/ 2>/dev/null
} 2>&1 | tee $OUT/run262.txt
