#!/usr/bin/env bash
# Device run 238 (2026-12-01): the driver's failures as a type (the C API's
# statuses by type) and the tools' --device, on the real driver: the
# stand-in's tests with the real driver installed, the C API test, walsh
# run --check on device 0 by default and by --device 0, --device 1 refused
# (one GPU), walsh-gpu --probe --device, walsh bench with cuBLAS (its
# handle now on the current device), the Python binding's torch test.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
F=/tmp/walsh-bundle/fake
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
echo "== the stand-in's tests, real driver installed"
for t in "fake default" "no-device default init=100" "minimal minimal"; do
  set -- $t
  env LD_LIBRARY_PATH=$F/$2:$LD_LIBRARY_PATH WALSH_FAKE_CUDA=${3:-} $F/walsh-fake-driver-tests "[$1]" --order rand 2>&1 | tail -2
done
echo "== capi"
/tmp/walsh-bundle/tests/walsh-capi-test 2>&1 | tail -3
echo "== walsh run --check, default device and --device 0"
for a in "--dtype bf16 --d 4096 --rows 65536" "--dtype bf16 --d 4096 --rows 65536 --device 0" "--dtype f32 --d 16384 --rows 16 --device 0"; do
  walsh run --target cuda $a --check --json 2>&1 | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["dtype"], j["d"], j["rows"], j["device"], j["device_ordinal"], "ok" if j.get("ok", True) else "FAIL", j.get("max_rel_error"), round(j["roofline_fraction"],3))'
done
echo "== --device 1 on one GPU"
walsh run --target cuda --device 1 --d 64; echo "rc=$?"
walsh tune --target cuda --device 1; echo "rc=$?"
walsh-gpu --probe --device 1; echo "rc=$?"
walsh-gpu --probe --device 0; echo "rc=$?"
echo "== walsh bench --device 0 with cuBLAS"
walsh bench --target cuda --device 0 --sizes 768,4096,16384 --dtypes bf16 --rows 16384 --decode-rows none 2>&1 | tail -6
echo "== python torch"
python3 /tmp/walsh-bundle/tests/python/test_walsh.py torch 2>&1 | tail -3; echo "rc=$?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run238.txt
