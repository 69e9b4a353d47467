#!/usr/bin/env bash
# Device run 411 (2026-12-04), the final build (a and b before the
# products where a thread may hold 144 registers): the conformance kernels
# it moved against f9e13f0's set (the whole set compiled here,
# `tests/gpu/gpu-conformance.sh build/bin --compile-only`, then only the
# kernels whose PTX differs from run408's compile: conf411c), each checked
# against float64 on 257 rows, then timed beside a copy at 16384 rows
# (two passes). walsh-gpu from f9e13f0's bundle (it loads the cubins
# compiled here).
set -u
cd /tmp && rm -rf walsh-bundle conf411c && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (moved kernels)"
timeout 120 $B/walsh-gpu /tmp/conf411c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/conf411c --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-fp32-split-mma-final-run411.txt
