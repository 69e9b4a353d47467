#!/usr/bin/env bash
# Device run 422 (2026-12-04), 9b1db99's bundle (the runtime unchanged)
# with kernels compiled on the development VM (build422.sh): each size's
# default with the dense-index transpose (a and b in batches loaded ahead
# of the stores) beside its '_old' twin and the variants build422.sh
# names, each checked against float64 on 257 rows, then timed beside a
# device-to-device copy: two passes at 16384 rows (9216 ... 28672) and at
# 65536 rows (4608 ... 7680).
set -u
cd /tmp && rm -rf walsh-bundle t422 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t422/r16384 --check-rows 257 --rows 16384
  echo "== 65536 rows, pass $pass"
  timeout 120 $B/walsh-gpu /tmp/t422/r65536 --check-rows 257 --rows 65536
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-dense-transpose-batches-run422.txt
