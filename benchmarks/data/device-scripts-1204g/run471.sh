#!/usr/bin/env bash
# Device run 471 (2026-12-04): (1) the conformance kernels that the split
# layout's sign-program stage moves with bf16 pairs widened by a shift and
# a mask (gpu-conformance.sh --compile-only before and after, PTX
# compared), checked against float64 on 257 rows, packed and strided,
# output poisoned; (2) build471.sh's kernels, two passes, every kernel
# checked first.
set -u
cd /tmp && rm -rf walsh-bundle t471 t471conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels: $(ls /tmp/t471conf/*.json | wc -l))"
timeout 150 $B/walsh-gpu /tmp/t471conf --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 90 $B/walsh-gpu /tmp/t471/r16384 --check-rows 257 --rows 16384
  echo "== 65536 rows, pass $pass"
  timeout 90 $B/walsh-gpu /tmp/t471/r65536 --check-rows 257 --rows 65536
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-split-pairs-widen-run471.txt
