#!/usr/bin/env bash
# Device run 517 (2026-12-06, session 74): this session's bundle (products of
# the caller's counts checked: the C API's shapes and bhsd rows, walsh run's
# --batch/--seq and --heads/--head-dim, a CUDA run's random rows at a
# stride whose bytes wrap): the C API test with the real driver; the
# refusals of walsh run on the device; then what run515 never ran:
# fuzz.py python with PyTorch 2 on CUDA tensors (a or b inside out's rows,
# which must be refused there too), and fuzz.py capi on another seed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
echo "== capi test"
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
echo "== walsh run refusals on the device"
for a in "--rows 3 --row-stride 4611686018427387904" "--batch 4294967296 --seq 4294967296" "--rows 3 --row-stride 1099511627776"; do
  WALSH_CACHE_DIR=none timeout 60 $B/bin/walsh run --target cuda --d 256 $a > /tmp/r.txt 2>&1; echo "status $?"; tail -2 /tmp/r.txt
done
date -u +%H:%M:%S
echo "== fuzz.py python (NumPy, CPU and CUDA tensors)"
WALSH_LIBRARY=$B/lib/libwalsh.so timeout 200 python3 scripts/fuzz.py python --seconds 170 --seed 136 --build $B 2>&1 | tail -16
date -u +%H:%M:%S
echo "== fuzz.py capi (CUDA and CPU children)"
timeout 120 python3 scripts/fuzz.py capi --seconds 100 --seed 137 --build $B 2>&1 | tail -6
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run517.txt
