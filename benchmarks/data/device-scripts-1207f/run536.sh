#!/usr/bin/env bash
# Device run 536 (2026-12-07, session 80, for an H200 with little device
# time left): run534 whole (8192 ... 20480, base against the third clause),
# then run532's kernels (make-run532-flats.sh: 16-bit 6144 ... 32768, c28bad0's
# compiler against 5f5819d's) in one pass each, base then new, at 16384
# and at 65536 rows. walsh-gpu checks each kernel on 257 rows against
# float64 and times it beside a device-to-device copy.
set -u
bash "$(dirname "$0")/run534.sh"
cd /tmp && rm -rf walsh-bundle *.flat && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e6.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for r in 16384 65536; do
  for v in base new; do
    echo "== $v, $r rows"
    timeout 100 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows $r
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run536.txt
