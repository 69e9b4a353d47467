#!/usr/bin/env bash
# Device run 12 (2026-11-30): at 16384 rows, d = 512 with the affine in
# every group (base, two groups) against hoisted (WALSH_HOIST=1) and no
# groups (k1); d = 4096 one row a block (r1, r1i16). Compiled here.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
for pass in 1 2 3; do for v in base hoist k1 r1 r1i16; do
  timeout 60 $B/walsh-gpu .device/v12/$v --rows 16384 --check-rows 257 2>&1 | grep outproj | awk -v p=$pass -v v=$v '{print p, v, $1, $5, $(NF-3), $(NF)}'
done; done
