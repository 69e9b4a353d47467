#!/usr/bin/env bash
# Device run 387 (2026-12-03): the persistent tensor-core kernels (MmaKernel)
# with the next row group's loads at the top of the loop (early, a
# throwaway WALSH_EXP_EARLY) and with an L2 prefetch of the group 2 or 4
# grids ahead (WALSH_EXP_L2AHEAD), against the committed emitters (base).
# Each variant compiled here into its own directory of .device/conf.tar.xz
# (the defaults for --rows 16384 and 65536); walsh-gpu checks every kernel
# on 257 rows and times it against a device-to-device copy, two passes in
# opposite orders.
set -u
cd /tmp && rm -rf walsh-bundle conf387 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for r in 16384 65536; do
  for v in base early a2 a4 ea2 ea2 a4 a2 early base; do
    echo "== rows $r variant $v"
    timeout 120 $B/walsh-gpu /tmp/conf387/r$r/$v --check-rows 257 --rows $r | grep -v "^device\|^kernel"
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-mma-loads-run387.txt
