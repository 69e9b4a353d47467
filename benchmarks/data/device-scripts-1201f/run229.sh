#!/usr/bin/env bash
# Device run 229 (2026-12-01): the launcher by device and context on the
# real driver. walsh's C API from threads with no context and with one of
# their own, a stream of another context, each result checked against the
# float64 reference, and the launch's cost by stream (probe_walsh_ctx.c);
# walsh bench --cache (compare run225); the stand-in's tests with the real
# driver installed; the C API test; walsh run --check over a row-group,
# a persistent (tensor-core) and a cluster kernel.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
F=/tmp/walsh-bundle/fake
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
echo "== probe_walsh_ctx (real driver)"
probe_walsh_ctx
echo "== walsh bench --cache"
for i in 1 2; do walsh bench --cache 2>&1 | tail -9; done
echo "== the stand-in's tests, real driver installed"
for t in "fake default" "no-device default init=100" "minimal minimal"; do
  set -- $t
  env LD_LIBRARY_PATH=$F/$2:$LD_LIBRARY_PATH WALSH_FAKE_CUDA=${3:-} $F/walsh-fake-driver-tests "[$1]" --order rand 2>&1 | tail -2
done
echo "== capi"
/tmp/walsh-bundle/tests/walsh-capi-test 2>&1 | tail -3
echo "== walsh run --check"
for a in "--dtype bf16 --d 4096 --rows 65536" "--dtype bf16 --d 3072 --rows 16384" "--dtype f32 --d 16384 --rows 16" "--dtype f16 --d 768 --rows 16384"; do
  walsh run --target cuda $a --check --json 2>&1 | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["dtype"], j["d"], j["rows"], "ok" if j.get("ok", True) else "FAIL", j.get("max_rel_error"), round(j["roofline_fraction"],3))'
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run229.txt
