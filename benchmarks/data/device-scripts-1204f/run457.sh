#!/usr/bin/env bash
# Device run 457 (2026-12-04), the bundle of the dense-index transpose's
# halved reads and the tuner's fp32 candidates up to 88 values:
# (1) the two conformance jobs added for four positions, checked against
# float64 on 257 rows (packed and strided, output poisoned); (2) fp32
# 24576 as four positions over 512 threads beside its default and its
# round trips, 16384 rows,
# two passes, each kernel checked first; (3) `walsh tune` fp32 at 16384
# rows over the sizes the new candidates reach (heads 36 ... 176 of 128);
# each candidate checked before it is timed, the database thrown away.
set -u
cd /tmp && rm -rf walsh-bundle t457 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== conformance (changed kernels)"
if ls /tmp/t457/conf/*.json >/dev/null 2>&1; then
  timeout 100 $B/walsh-gpu /tmp/t457/conf --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
else
  echo "(none moved)"
fi
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 60 $B/walsh-gpu /tmp/t457/r16384 --check-rows 257 --rows 16384
done
echo "== walsh tune fp32, 16384 rows"
timeout 300 $B/walsh tune --target cuda --dtype f32 --batch 4 --seq 4096 --heads 36,40,44,72,80,88,144,160,176 --head-dim 128 --db /tmp/tune457.json
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-halves-24576-tune-run457.txt
