#!/usr/bin/env bash
# Device run 254 (2026-12-01): the affine's a and b loaded before the last
# transpose's barrier (WALSH_EXP_EARLY_AFFINE: 0 = in the epilogue as
# before, all = every vector, half = the first half), the bulk 16-bit
# defaults with transposes (4096, 8192, 16384, 32768) and fp32 16384,
# 32768; walsh-gpu checks each on 257 rows against float64 and times it
# against a copy, both row counts, variants alternating, two passes.
# Kernel sets: build-ea.sh on the VM -> .device/ea.tar.xz (flat/0, all, half).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/ea && mkdir -p /tmp/ea && tar xJf .device/ea.tar.xz -C /tmp/ea
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for v in 0 all half; do
    for rows in 65536 16384; do
      echo "== pass $pass variant $v rows $rows"
      $B/walsh-gpu /tmp/ea/flat/$v --check-rows 257 --rows $rows 2>&1 | grep -v "^device"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run254.txt
