#!/usr/bin/env bash
# Device run 523 (2026-12-07, session 77): the Python binding's tests on a
# GPU host after this session's changes to it (eps refused without a norm;
# an output that cannot be made refused naming out), the C API test, a
# CUDA tensor expanded to 2**40 rows, walsh run --check, and the option
# parser's refusals said of the subcommand with the real tool. No kernel
# changed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv,noheader
echo "== test_walsh.py torch / numpy / torch-cpu"
for mode in torch numpy torch-cpu; do
  WALSH_CACHE_DIR=none timeout 150 python3 $B/tests/python/test_walsh.py $mode 2>&1 | grep -v "^ok " | tail -4
  echo "$mode exit ${PIPESTATUS[0]}"
done
echo "== walsh-capi-test"
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
echo "== a CUDA x expanded to 2**40 rows"
WALSH_CACHE_DIR=none PYTHONPATH=$B/python timeout 60 python3 -c '
import torch, walsh
p = walsh.Projection(256, "f32")
x = torch.zeros(256, device="cuda").expand(2**40, 256)
try:
    p(x, torch.ones(256, device="cuda"), torch.zeros(256, device="cuda"))
except Exception as e:
    print(type(e).__name__, e)
' 2>&1 | tail -2
echo "== walsh run --check"
WALSH_CACHE_DIR=none $B/bin/walsh run --target cuda --dtype bf16 --d 4096 --rows 16384 --check 2>&1 | tail -3
echo "== refusals said of the subcommand"
$B/bin/walsh run --target cuda foo; echo "status $?"
$B/bin/walsh tune --target cuda --bogus; echo "status $?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run523.txt
