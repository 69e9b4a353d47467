#!/usr/bin/env bash
# Device run 291 (2026-12-02): the build with stage 2 from one piece (bf16
# H_m on tensor cores from 64 positions on; f16 the split layout on tensor
# cores as Y / 16 in f16): every form of every changed default checked
# (build-s2f.sh), walsh bench of the changed sizes (cuBLAS beside), the
# whole GPU conformance test.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/s2f && tar xJf .device/s2f.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,clocks.sm,power.draw,temperature.gpu --format=csv,noheader
echo "== every form, checked"
for v in $(cd /tmp/s2f && ls -d *); do
  $B/walsh-gpu /tmp/s2f/$v --check-rows 257 --no-time 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|$v |"
done
date -u +%H:%M:%S
echo "== walsh bench"
$B/walsh bench --target cuda --sizes 768,2816,3328,3840,4608,5120,5632,6656,7680 --dtypes bf16 --rows 65536,16384 --decode-rows none 2>&1 | tail -22
$B/walsh bench --target cuda --sizes 3072,6144,7168,9216,10240,11264,12288,13312,14336,18432,20480,24576,28672 --dtypes f16 --rows 65536,16384 --decode-rows none 2>&1 | tail -30
date -u +%H:%M:%S
echo "== GPU conformance"
/tmp/walsh-bundle/tests/gpu-conformance.sh $B > $OUT/run291-conformance.txt 2>&1; echo "conformance rc=$?"
grep -c PASS $OUT/run291-conformance.txt
grep -E "FAIL|rror" $OUT/run291-conformance.txt | head -20
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run291.txt
