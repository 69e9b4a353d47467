#!/usr/bin/env bash
# Device run 230 (2026-12-01): the tuner's measurer on the current device
# in its primary context. probe_walsh_ctx (now with walsh_compile_for_shape,
# DB_ONLY and TUNE_ON_MISS, from a thread whose own context is current);
# walsh tune on one shape; the stand-in's tests; the C API test.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
F=/tmp/walsh-bundle/fake
{
date -u +%H:%M:%S
echo "== probe_walsh_ctx (real driver, a fresh cache directory)"
rm -rf /tmp/wcache; WALSH_CACHE_DIR=/tmp/wcache probe_walsh_ctx
echo "== walsh tune"
WALSH_CACHE_DIR=/tmp/wcache2 walsh tune --target cuda --heads 32 --head-dim 128 --batch 1,16 --seq 1,1024 --dtype bf16 2>&1 | tail -8
export WALSH_CACHE_DIR=none
echo "== the stand-in's tests, real driver installed"
for t in "fake default" "no-device default init=100" "minimal minimal"; do
  set -- $t
  env LD_LIBRARY_PATH=$F/$2:$LD_LIBRARY_PATH WALSH_FAKE_CUDA=${3:-} $F/walsh-fake-driver-tests "[$1]" --order rand 2>&1 | tail -2
done
echo "== capi"
/tmp/walsh-bundle/tests/walsh-capi-test 2>&1 | tail -3
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run230.txt
