#!/usr/bin/env bash
# Device run 440 (2026-12-04), 282ce47's bundle (run438's; walsh-gpu, the
# runtime, has not changed since): the conformance jobs added to
# tests/gpu/gpu-conformance.sh this session (the dense-index transpose over
# two warps in 16 bits, one lane and pairs; fp32 over two warps with row
# groups and with four rows a block, H_m in column blocks; 3840's H^T;
# fp32 30720 on the split layout on tensor cores, plain and H^T, and its
# new default's H^T), compiled on the development VM, each checked against
# float64 on 257 rows (packed and strided, output poisoned).
set -u
cd /tmp && rm -rf walsh-bundle conf440 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 120 $B/walsh-gpu /tmp/conf440 --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-conformance-new-jobs-run440.txt
