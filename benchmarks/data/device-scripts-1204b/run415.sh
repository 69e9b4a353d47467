#!/usr/bin/env bash
# Device run 415 (2026-12-04): fp32 30720 and 26624's final defaults, H^T
# against the plain transform, H^T timed first this time (the kernels
# renamed `a_…` (H^T) and `b_…` (plain) so walsh-gpu takes them in that
# order): run411 had 30720's H^T at 0.32 against the plain 0.42 though
# their PTX differs only in H_60^T's fragment table. Kernels compiled here
# (`walsh compile --target cuda --dtype f32 --rows 16384 --d D
# [--transpose]`, 2416a3b). walsh-gpu checks each on 257 rows against
# float64, then times it beside a copy: three passes at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf415 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2 3; do
  echo "== 16384 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/conf415 --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-fp32-transpose-order-run415.txt
