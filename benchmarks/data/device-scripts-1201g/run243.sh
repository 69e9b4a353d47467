#!/usr/bin/env bash
# Device run 243 (2026-12-01): the new defaults of bf16 6656 and 7680 (one
# row of four warps, 234-236 registers, two blocks a multiprocessor)
# against the same PTX with .minnctapersm 3 (ptxas: 168 registers, 80-84
# bytes of spills; three blocks, as their shared memory allows), made on
# the VM (kw4.tar.xz). walsh-gpu checks each on 257 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/kwall4 && tar xJf .device/kw4.tar.xz -C /tmp
{
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    timeout 250 walsh-gpu /tmp/kwall4 --check-rows 257 --rows $rows 2>&1
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run243.txt
