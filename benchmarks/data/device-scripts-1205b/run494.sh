#!/usr/bin/env bash
# Device run 494 (2026-12-05, session 63, the H200 this time): PTX -> cubin in process through
# libnvJitLink against the ptxas process (issue 5's cold compile), SASS
# compared; walsh bench --cache; the Python (torch, numpy) and C API tests
# on cf55355's bundle; then issue 4's cuBLAS sizes and the 65536-row misses (one pass each).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
lscpu | grep -E "Model name|^CPU\(s\)"
echo "== libnvJitLink on this host"
L=$(find / -name "libnvJitLink.so.13" -not -path "/proc/*" 2>/dev/null | head -5)
echo "$L"; for f in $L; do ls -laL $f; done
which ptxas cuobjdump cc
L1=$(echo "$L" | head -1)
echo "== PTX of five kernels: nvJitLink in process vs the ptxas process (three rounds, in turn)"
rm -rf /tmp/k494 && mkdir -p /tmp/k494
for s in "bf16 4096" "bf16 16384" "f16 7168" "bf16 1280" "f32 28672"; do set -- $s
  WALSH_CACHE_DIR=none walsh compile --target cuda --d $2 --dtype $1 --out /tmp/k494/$1_$2 > /dev/null || echo "compile $s failed"
done
cc -O2 benchmarks/data/nvjitlink-vs-ptxas.c -o /tmp/nvjl -ldl && \
LD_LIBRARY_PATH=$(dirname "$L1"):$LD_LIBRARY_PATH /tmp/nvjl $(which ptxas) /tmp/k494/*/*.ptx
echo "== SASS: nvJitLink's cubin against ptxas's (instruction lines that differ)"
for p in /tmp/k494/*/*.ptx; do
  a=$(cuobjdump -sass $p.nvjl.cubin | grep -E '^ +/\*[0-9a-f]{4}\*/' | wc -l)
  n=$(diff <(cuobjdump -sass $p.nvjl.cubin | grep -E '^ +/\*[0-9a-f]{4}\*/') <(cuobjdump -sass $p.ptxas.cubin | grep -E '^ +/\*[0-9a-f]{4}\*/') | grep -c '^[<>]')
  echo "$(basename $p): $a instructions, $n lines differ"
done
date -u +%H:%M:%S
echo "== walsh bench --cache"
WALSH_CACHE_DIR=/tmp/wc494 timeout 90 walsh bench --cache 2>&1 | tail -14
date -u +%H:%M:%S
echo "== python torch, numpy; the C API test"
WALSH_CACHE_DIR=none timeout 150 python3 $B/tests/python/test_walsh.py torch 2>&1 | grep -v "^ok " | tail -6
WALSH_CACHE_DIR=none timeout 60 python3 $B/tests/python/test_walsh.py numpy 2>&1 | grep -v "^ok " | tail -4
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
date -u +%H:%M:%S
echo "== walsh bench: cuBLAS sizes; the 16-bit 65536-row misses"
WALSH_CACHE_DIR=none timeout 120 walsh bench --target cuda --sizes 768,4096,16384 --dtypes bf16 --rows 16384 --decode-rows 1,16 2>&1 | tail -12
WALSH_CACHE_DIR=none timeout 150 walsh bench --target cuda --sizes 1280,5632,6656,7168,7680 --dtypes bf16,f16 --rows 65536 --no-dense --decode-rows none 2>&1 | tail -14
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run494.txt
