#!/usr/bin/env bash
# Device run 225 (2026-12-01): the session's final build on the H200. The
# real driver's cuPointerGetAttributes answers (probe_driver.c); the
# launcher's host time with x and y moving (walsh bench --cache, twice);
# the stand-in's tests with the real driver installed; the C API test; the
# whole GPU conformance test (the launcher's pointer checks changed).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
F=/tmp/walsh-bundle/fake
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
echo "== the real driver"
.device/extra/probe_driver
echo "== walsh bench --cache"
for i in 1 2; do walsh bench --cache 2>&1 | tail -9; done
echo "== the stand-in's tests, real driver installed"
for t in "fake default" "no-device default init=100" "minimal minimal"; do
  set -- $t
  env LD_LIBRARY_PATH=$F/$2:$LD_LIBRARY_PATH WALSH_FAKE_CUDA=${3:-} $F/walsh-fake-driver-tests "[$1]" 2>&1 | tail -2
done
echo "== capi"
/tmp/walsh-bundle/tests/walsh-capi-test 2>&1 | tail -3
date -u +%H:%M:%S
echo "== GPU conformance"
/tmp/walsh-bundle/tests/gpu-conformance.sh /tmp/walsh-bundle/bin > $OUT/run225-conformance.txt 2>&1; echo "conformance rc=$?"
tail -5 $OUT/run225-conformance.txt
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run225.txt
