#!/usr/bin/env bash
# Device run 468 (2026-12-04), this session's bundle with the split
# layout's bf16 a and b widened by a shift and a mask: (1) the conformance
# kernels that change (gpu-conformance.sh --compile-only with and without
# the throwaway WALSH_X_OLDCONV, whose PTX differ), checked against
# float64 on 257 rows, packed and strided, output poisoned; (2)
# build468.sh's kernels at 65536 rows, two passes, every kernel checked
# first; (3) bf16 32768's default (the power-of-two split, whose m-point
# stage is the same code) before and after (_old, _new: the conformance
# compiles' cubins), 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle t468 t468conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
echo "== conformance (changed kernels: $(ls /tmp/t468conf/*.json | wc -l))"
timeout 200 $B/walsh-gpu /tmp/t468conf --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== 65536 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/t468/r65536 --check-rows 257 --rows 65536
  echo "== 16384 rows, pass $pass"
  timeout 60 $B/walsh-gpu /tmp/t468/r16384 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-conformance-affine-65536-run468.txt
