#!/usr/bin/env bash
# Device run 423 (2026-12-04), 9b1db99's bundle (the runtime unchanged)
# with kernels compiled on the development VM by the working tree's
# compiler (the dense-index transpose with a and b in batches): (1) the 22
# conformance kernels whose PTX it moved (tests/gpu/gpu-conformance.sh
# build/bin --compile-only, those whose PTX differs from the previous
# set) and the 8 jobs added for the form (16-bit rows, row groups, two
# rows a block, bhsd, row sums, H^T over 16 warps): conf423c, each checked
# against float64 on 257 rows; (2) build423.sh's variants beside the
# defaults, checked, then timed beside a device-to-device copy, two
# passes: fp32 15360 at 16384 rows, 3840, 6656 and 7680 at 65536.
set -u
cd /tmp && rm -rf walsh-bundle conf423c t423 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (moved and new kernels)"
timeout 120 $B/walsh-gpu /tmp/conf423c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t423/r16384 --check-rows 257 --rows 16384
  echo "== 65536 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t423/r65536 --check-rows 257 --rows 65536
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-dense-transpose-variants-run423.txt
