#!/usr/bin/env bash
# Device run 244 (2026-12-01): fp32 3840 and 3328 (60 and 52 x 64), whose
# defaults (the sign program's layout, 0.78 and 0.92) beside H_m on
# tensor cores for fp32 rows (X in three bf16 pieces) with one, two or four
# warps a row, one to four rows a block (kw5.tar.xz, made on the VM).
# walsh-gpu checks each on 257 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/kwall5 && tar xJf .device/kw5.tar.xz -C /tmp
{
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    timeout 250 walsh-gpu /tmp/kwall5 --check-rows 257 --rows $rows 2>&1
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run244.txt
