#!/usr/bin/env bash
# Device run 478 (2026-12-05): 183ae00's build (session 57's final build,
# 86d8dee, one shared rule for rows past 2^48 bytes, walsh_version) on the H200. Session 57 changed the runtime's GPU paths (device rows refusing
# byte counts past 2^48, launch arguments spanning more than 2^48 bytes,
# `walsh run --target cuda --check` and `walsh-gpu --check-rows` past host
# memory) and tested them only on the stand-in driver. Here: those refusals
# with the real driver, the C API test, the Catch2 [gpu] cases, and the whole
# GPU conformance test (last run whole at run231, 2026-12-01; kernels moved
# since were checked piecewise).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
$B/walsh --version; $B/walsh-gpu --version
echo "== refusals with the real driver"
for a in "--rows 4611686018427387904" "--rows 1099511627776 --check" "--d 65536 --dtype f32" "--rows 0"; do
  echo "\$ walsh run --target cuda --d 64 $a"
  timeout 60 $B/walsh run --target cuda --d 64 $a 2>&1 | tail -3; echo "rc=${PIPESTATUS[0]}"
done
echo "\$ walsh-gpu --check-rows 1099511627776"
mkdir -p /tmp/k478 && $B/walsh compile --target cuda --d 256 --dtype bf16 --out /tmp/k478 >/dev/null 2>&1
timeout 60 $B/walsh-gpu /tmp/k478 --check-rows 1099511627776 2>&1 | tail -2; echo "rc=${PIPESTATUS[0]}"
timeout 60 $B/walsh-gpu /tmp/k478 --check-rows 257 --no-time 2>&1 | tail -2; echo "rc=${PIPESTATUS[0]}"
echo "== walsh run --check, three targets of the bundle"
for t in "--dtype bf16 --d 4096 --rows 65536" "--dtype f32 --d 28672 --rows 16384" "--dtype f16 --d 1280 --rows 65536"; do
  timeout 60 $B/walsh run --target cuda $t --check 2>&1 | tail -2
done
echo "== walsh inspect --stage sass"
timeout 60 $B/walsh inspect --target cuda --d 256 --dtype bf16 --stage sass 2>&1 | grep -c -E "LDG|STG|SHFL|HMMA"; echo "rc=${PIPESTATUS[0]}"
echo "== Catch2 [gpu]"
timeout 120 .device/walsh-conformance-tests "[gpu]" 2>&1 | tail -4
echo "== C API test"
timeout 120 /tmp/walsh-bundle/tests/walsh-capi-test 2>&1 | tail -2
date -u +%H:%M:%S
echo "== GPU conformance (whole)"
timeout 420 /tmp/walsh-bundle/tests/gpu-conformance.sh $B > $OUT/run478-conformance.txt 2>&1; echo "conformance rc=$?"
grep -c PASS $OUT/run478-conformance.txt; grep -v PASS $OUT/run478-conformance.txt | tail -8
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-final-run478.txt
