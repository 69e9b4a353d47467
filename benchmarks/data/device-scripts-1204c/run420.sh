#!/usr/bin/env bash
# Device run 420 (2026-12-04), 9b1db99's bundle (the runtime unchanged)
# with kernels compiled on the development VM by the working tree's
# compiler (the dense-index transpose, gpuDenseTranspose): (1) the 23
# conformance kernels whose PTX it moved (tests/gpu/gpu-conformance.sh
# build/bin --compile-only, then only those whose PTX differs from the
# previous set: conf420c), each checked against float64 on 257 rows;
# (2) build420.sh's kernels, each size's default beside its '_old' twin
# (the same configuration without the form), checked on 257 rows, then
# timed beside a device-to-device copy: two passes at 16384 rows
# (9216 ... 28672) and at 65536 rows (3840 ... 7680).
set -u
cd /tmp && rm -rf walsh-bundle conf420c t420 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (moved kernels)"
timeout 120 $B/walsh-gpu /tmp/conf420c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t420/r16384 --check-rows 257 --rows 16384
  echo "== 65536 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t420/r65536 --check-rows 257 --rows 65536
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-dense-transpose-run420.txt
