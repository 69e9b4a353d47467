#!/usr/bin/env bash
# Device run 474 (2026-12-04): the conformance kernels that stage1Sixteenth
# (f16 14336, 15360, 24576, 32768) moves (gpu-conformance.sh
# --compile-only before and after, PTX compared), checked against float64
# on 257 rows, packed and strided, output poisoned.
set -u
cd /tmp && rm -rf walsh-bundle t474conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels: $(ls /tmp/t474conf/*.json | wc -l))"
timeout 200 $B/walsh-gpu /tmp/t474conf --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-conformance-sixteenth-run474.txt
