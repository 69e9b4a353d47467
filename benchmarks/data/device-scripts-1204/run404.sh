#!/usr/bin/env bash
# Device run 404 (2026-12-04): the final compiler of 16-bit 32768's new
# default (from 16384 rows with a or b: the power-of-two split H_16 (x)
# H_2048, H_16 on tensor cores, rows two grids ahead: `e64t512r1v8mi2`).
# (1) It, plain and transposed, beside the old default (128 values over
# 256 threads through transposes, sixteen row groups: `e128t256r1v8xi16`),
# and beside the defaults for 4096 and 8192 rows (`xi4`, `xi8`), at 4096,
# 8192, 16384 (two passes) and 65536 rows: walsh-gpu checks each on 257
# rows against float64, then times it beside a device-to-device copy.
# Kernels compiled here (`walsh compile --target cuda --rows R --d 32768
# --dtype T [--transpose]`, the old default with its configuration given).
# Also 16-bit 22528 and 30720 (44, 60 x 512 over 352 and 480 threads, g =
# 4) with the rows two grids ahead (`mi2`, never measured over these
# thread counts) beside their defaults, in the same passes.
# (2) `walsh bench` through the JIT at 32768. (3) The conformance kernels
# whose PTX the change moved (the whole set compiled here by
# `tests/gpu/gpu-conformance.sh build/bin --compile-only`, those differing
# from run402's), each checked against float64 on 257 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf404 conf404x && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for rows in 4096 8192 16384 16384 65536; do
  echo "== $rows rows"
  timeout 60 $B/walsh-gpu /tmp/conf404 --check-rows 257 --rows $rows
done
echo "== walsh bench"
timeout 100 $B/walsh bench --target cuda --sizes 32768 --dtypes bf16,f16 --rows 16384,65536 --decode-rows none
echo "== conformance kernels the change moved"
timeout 100 $B/walsh-gpu /tmp/conf404x --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-split-32768-final-run404.txt
