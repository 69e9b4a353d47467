#!/usr/bin/env bash
# Device run 222 (2026-12-01): the real driver's answers where the
# stand-in libcuda.so.1 (tests/fakecuda) imitates it (probe_driver.c), and
# the stand-in's tests on a host whose real driver is installed (the
# stand-in must come first on LD_LIBRARY_PATH there too).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
F=/tmp/walsh-bundle/fake
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
echo "== the real driver"
$F/probe_driver
echo "== the stand-in's tests, real driver installed"
for t in "fake default" "no-device default init=100" "no-cluster nocluster"; do
  set -- $t
  env LD_LIBRARY_PATH=$F/$2:$LD_LIBRARY_PATH WALSH_FAKE_CUDA=${3:-} $F/walsh-fake-driver-tests "[$1]" 2>&1 | tail -2
done
echo "== walsh run --check on the stand-in (must FAIL)"
env LD_LIBRARY_PATH=$F/default:$LD_LIBRARY_PATH walsh run --target cuda --d 256 --rows 64 --check 2>&1 | tail -2; echo "rc=$?"
echo "== the same on the real driver (must PASS)"
walsh run --target cuda --d 256 --rows 64 --check 2>&1 | tail -2
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run222.txt
