#!/usr/bin/env bash
# Device run 319 (2026-12-02): stage 2 as one tf32 piece (build-tf32.sh's
# sets): every kernel checked on 257 rows against float64 (walsh-gpu, the
# output poisoned), then timed beside a device-to-device copy, two passes
# of base (b), rna (r) and trunc (t) in turn, at 65536 and 16384 rows
# (each pass checks every kernel again).
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    for v in b r t; do
      echo "== time $v$rows pass $pass"
      $B/walsh-gpu /tmp/sets/$v$rows --check-rows 257 --rows $rows 2>&1 | awk '{print "'$v$rows' p'$pass' " $0}'
    done
  done
  date -u +%H:%M:%S
done
} 2>&1 | tee $OUT/run319.txt
