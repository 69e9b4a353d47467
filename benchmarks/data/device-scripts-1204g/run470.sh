#!/usr/bin/env bash
# Device run 470 (2026-12-04), c047aad's bundle: (1) the conformance
# kernels that H_m on tensor cores' bf16 tables move (gpu-conformance.sh
# --compile-only before and after the change, PTX compared), checked
# against float64 on 257 rows, packed and strided, output poisoned (the
# split layout's 18 moved kernels: run468); (2) `walsh bench` over every
# 16-bit d from 256 to 8192 at 65536 rows and to 32768 at 16384 rows
# (issue 4's ranges), one pass, for the session's closing figures.
set -u
cd /tmp && rm -rf walsh-bundle t470conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels: $(ls /tmp/t470conf/*.json | wc -l))"
timeout 100 $B/walsh-gpu /tmp/t470conf --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
echo "== walsh bench 16-bit, 65536 rows"
timeout 200 $B/walsh bench --target cuda --sizes 256-8192 --dtypes bf16,f16 --rows 65536 --decode-rows none
echo "== walsh bench 16-bit, 16384 rows"
timeout 200 $B/walsh bench --target cuda --sizes 256-32768 --dtypes bf16,f16 --rows 16384 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-closing-sweep-run470.txt
