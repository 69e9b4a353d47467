#!/usr/bin/env bash
# Device run 503 (2026-12-06, session 69): 14d0f6a's bundle. ptxas and
# cuobjdump through walsh::runProgram with a real driver and toolkit: the
# unit tests (RunProgram.*: SIGCHLD ignored, SA_NOCLDWAIT, a host that reaps
# every child, a host's alarm), `walsh run --target cuda --check` and
# `--stage sass` in a host that ignores SIGCHLD, the Python binding's
# CUDA compile under a pending alarm and with SIGCHLD ignored; then the
# Python and C API tests.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
lscpu | grep -E "Model name|^CPU\(s\)"; uname -r
walsh --version | head -4
echo "== unit tests (RunProgram, JsonText)"
.device/walsh-unit-tests --gtest_filter='RunProgram*:JsonText*' 2>&1 | grep -E "^\[  (PASSED|FAILED) |OK \] RunProgram|FAILED" | head -20
echo "== the CUDA path, plain host"
WALSH_CACHE_DIR=none walsh run --target cuda --d 4096 --dtype bf16 --rows 16384 --check > /tmp/o.txt; echo "run --check: status $? $(grep -c PASS /tmp/o.txt) PASS"; grep -E "compile|image|roofline" /tmp/o.txt
echo "== SIGCHLD ignored (until 14d0f6a: 'ptxas failed (Error waiting for child process: No child processes)')"
for a in "--d 4096 --dtype bf16" "--d 32768" "--d 13312 --dtype f16"; do WALSH_CACHE_DIR=none python3 tests/tools/Inputs/sigchld-ignored.py walsh run --target cuda $a --rows 4096 --check --json > /tmp/j.json 2>/tmp/j.err; echo "cuda $a status $? $(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j.get("image"), j.get("ok"), j.get("max_rel_error"), j.get("compile_ms"), j.get("error"))' /tmp/j.json)"; tail -2 /tmp/j.err; done
WALSH_CACHE_DIR=none python3 tests/tools/Inputs/sigchld-ignored.py walsh inspect --target cuda --d 1024 --dtype bf16 --stage sass > /tmp/s.txt 2>&1; echo "inspect sass status $? $(grep -c HADD2\\\|FADD\\\|FFMA /tmp/s.txt) arithmetic lines"; grep -m2 -i "error\|failed" /tmp/s.txt
echo "== Python: a pending alarm and SIGCHLD ignored around CUDA compiles"
WALSH_CACHE_DIR=none timeout 120 python3 - <<'PY'
import signal, sys
sys.path.insert(0, "/tmp/walsh-bundle/python")
import torch, walsh
signal.signal(signal.SIGALRM, lambda *a: None)
signal.alarm(100)
x = torch.randn(64, 4096, device="cuda", dtype=torch.bfloat16)
y = walsh.Projection(4096, "bf16", affine=False)(x)
torch.cuda.synchronize()
left = signal.alarm(0)
print("alarm left after a CUDA compile:", left, "PASS" if left >= 90 else "FAIL")
signal.signal(signal.SIGCHLD, signal.SIG_IGN)
p = walsh.Projection(2048, "bf16", affine=False)
x2 = torch.randn(64, 2048, device="cuda", dtype=torch.float32).to(torch.bfloat16)
y2 = p(x2).float()
h = torch.tensor([[1.0]], dtype=torch.float64, device="cuda")
while h.shape[0] < 2048:
    h = torch.cat([torch.cat([h, h], 1), torch.cat([h, -h], 1)], 0)
ref = (x2.double() @ h.T) / 2048 ** 0.5
err = ((y2.double() - ref).abs().max() / ref.abs().max()).item()
print("SIGCHLD ignored: d = 2048 bf16 rel error %.2e" % err, "PASS" if err < 1e-2 else "FAIL")
sass = p.stage("sass", target="cuda", rows=64)
print("SIGCHLD ignored: sass", len(sass.splitlines()), "lines", "PASS" if "FADD" in sass or "HADD2" in sass or "FFMA" in sass else "FAIL")
PY
date -u +%H:%M:%S
echo "== python torch, numpy; the C API test"
WALSH_CACHE_DIR=none timeout 150 python3 $B/tests/python/test_walsh.py torch 2>&1 | grep -v "^ok " | tail -6
WALSH_CACHE_DIR=none timeout 60 python3 $B/tests/python/test_walsh.py numpy 2>&1 | grep -v "^ok " | tail -4
WALSH_CACHE_DIR=none timeout 120 $B/tests/walsh-capi-test 2>&1 | tail -2
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run503.txt
