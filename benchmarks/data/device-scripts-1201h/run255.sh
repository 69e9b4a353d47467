#!/usr/bin/env bash
# Device run 255 (2026-12-01): 16-bit d = 16384 (64 values over 256
# threads, transposes) with the first N of the thread's 8 vectors of a and
# b loaded before the last transpose's barrier (WALSH_EXP_EARLY_AFFINE=N,
# N = 0 ... 6; .device/eb.tar.xz, dirs e0 ... e6, compiled on the VM with
# `walsh compile --target cuda --dtype bf16|f16 --d 16384 --rows 16384`),
# walsh-gpu checked and timed, 16384 and 65536 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/eb && tar xJf .device/eb.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for e in 0 1 2 3 4 5 6; do
    for rows in 16384 65536; do
      $B/walsh-gpu /tmp/eb/e$e --check-rows 257 --rows $rows 2>&1 | grep outproj | sed "s/^/pass $pass e$e /"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run255.txt
