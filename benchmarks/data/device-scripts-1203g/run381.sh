#!/usr/bin/env bash
# Device run 381 (2026-12-03): the grouped layout's output-splitting
# clusters launched as thread-block clusters (cuLaunchKernelEx, the
# build's way) against a plain grid of rows * C blocks (cuLaunchKernel;
# a throwaway WALSH_EXP_PLAIN_GRID switch in GpuKernel::launchOn; nothing
# crosses the blocks, so both are correct). walsh run --check, graph
# replay us a call at 1 / 16 / 64 rows, the defaults, two alternations.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc381
g() { # dtype rows args...
  local t=$1 r=$2; shift 2
  timeout 60 $B/walsh run --target cuda --dtype $t --rows $r --check --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f%s" % (j["graph_us"], "" if j["ok"] else "(FAIL)"))' 2>/dev/null || echo ERR
}
row() { echo "$(g $1 1 --d $2) / $(g $1 16 --d $2) / $(g $1 64 --d $2)"; }
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
for t in bf16 f32; do
for d in 3840 7680 4608 2816 960; do
  echo "pass $pass $t d=$d cluster launch: $(row $t $d) | plain grid: $(WALSH_EXP_PLAIN_GRID=1 row $t $d)"
done
done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run381.txt
