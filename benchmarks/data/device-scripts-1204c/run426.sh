#!/usr/bin/env bash
# Device run 426 (2026-12-04), 9b1db99's bundle (the runtime unchanged)
# with kernels compiled on the development VM by the working tree's
# compiler with the dense-index transpose for vectors of two or four
# positions (a throwaway switch, WALSH_EXP_DTV, not committed): (1) the 7
# conformance kernels whose PTX the switch moves (the whole set compiled
# with it, those whose PTX differs from run425's set: conf426c), each
# checked against float64 on 257 rows; (2) build426.sh's configurations
# beside the defaults, checked, then timed beside a device-to-device copy,
# two passes.
set -u
cd /tmp && rm -rf walsh-bundle conf426c t426 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (moved and new kernels)"
timeout 120 $B/walsh-gpu /tmp/conf426c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t426/r16384 --check-rows 257 --rows 16384
  echo "== 65536 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t426/r65536 --check-rows 257 --rows 65536
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-dense-transpose-vectors-run426.txt
