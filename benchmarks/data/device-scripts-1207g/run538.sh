#!/usr/bin/env bash
# Device run 538 (2026-12-07, session 81): the split layout with H_m on
# tensor cores at 16-bit 26624 and 30720 without ptxas's spills (kernels
# from make-run538-flats.sh: d26/d30 the defaults, the rest variants);
# walsh-gpu checks each on 257 rows against float64 and times it beside
# a device-to-device copy, two passes in opposite orders, at 16384 and at
# 65536 rows.
set -u
cd /tmp && rm -rf walsh-bundle *.flat && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e8.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
vs="d26 l26 b26 bl26 b3l26 d30 u2x30 l30 u2l30 u1m30"
rv=$(echo $vs | tr ' ' '\n' | tac | tr '\n' ' ')
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for r in 16384 65536; do
  for v in $vs $rv; do
    echo "== $v, $r rows"
    timeout 60 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows $r
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run538.txt
