#!/usr/bin/env bash
# Device run 391 (2026-12-03): the 99 kernels of run390's conformance set
# (the build 3c16e4a) that walsh-gpu had not reached when that script's
# 300 s limit stopped it (alphabetically from d8192_f16_res_layernorm),
# checked by walsh-gpu on 257 rows (.device/conf.tar.xz: their .json and
# .cubin copied from the same compile-only directory).
set -u
cd /tmp && rm -rf walsh-bundle conf391 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 120 $B/walsh-gpu /tmp/conf391 --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
date -u +%H:%M:%S
} > $OUT/h200-conformance-rest-run391.txt 2>&1
echo "PASS $(grep -c PASS $OUT/h200-conformance-rest-run391.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-rest-run391.txt)"
grep "FAIL\|rror\|rc=" $OUT/h200-conformance-rest-run391.txt | head
