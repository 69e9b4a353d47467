#!/usr/bin/env bash
# Device run 396 (2026-12-03): how the fp32 rows of a dense factor load a
# and b. The defaults (m values a thread) load x, a and b with plain
# ld.global.f32, a and b after the transform, two a value; 13312 without a
# and b ran 0.75 of the copy roofline against 0.58 (run395). Variants made
# here from each default's PTX (`walsh compile --target cuda --dtype f32
# --rows 16384`, at 2533bd4), ptxas -O3, the JSON's name changed: a and b
# by ld.global.nc (the read-only path; _abnc), also with L1::evict_last
# and x by ld.global.nc.L1::no_allocate (_allnc); for 13312 also a and b
# .nc with evict_last alone (_abnclast) and x with L1::no_allocate alone
# (_xnoalloc). walsh-gpu checks each on 257 rows against float64 and
# times it beside a device-to-device copy: two passes at 16384 rows, one
# at 65536.
set -u
cd /tmp && rm -rf walsh-bundle conf396 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 150 $B/walsh-gpu /tmp/conf396 --check-rows 257 --rows 16384
done
echo "== 65536 rows"
timeout 150 $B/walsh-gpu /tmp/conf396 --check-rows 257 --rows 65536
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-f32-ab-loads-run396.txt
