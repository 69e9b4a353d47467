#!/usr/bin/env bash
# Device run 530 (2026-12-07, session 79): the split layout's row loads as
# ld.global.L1::no_allocate where its shared memory leaves the L1 60 KB or
# less (mmaRowsSkipL1; runs 528-529 measured the .nc form as a throwaway
# switch). base.flat: main's kernels before the change (bf16 and f16
# 20480 ... 32768, their defaults); new.flat: the change's (20480 and 22528
# unchanged, the PTX identical); nc.flat: the same with ld.global.nc (a
# throwaway edit, not kept: y may be x). walsh-gpu checks each on 257 rows
# against float64, then times it beside a device-to-device copy; passes
# base new nc nc new base at 16384 rows, then base new nc new at 65536.
# Then the bundle's walsh run --check on two of the changed kernels.
set -u
cd /tmp && rm -rf walsh-bundle *.flat && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e4.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for v in base new nc nc new base; do
  echo "== $v, 16384 rows"
  timeout 100 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows 16384
done
for v in base new nc new; do
  echo "== $v, 65536 rows"
  timeout 150 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows 65536
done
for a in "--d 28672 --dtype bf16" "--d 32768 --dtype f16"; do
  echo "== walsh run $a"
  WALSH_CACHE_DIR=none timeout 60 walsh run --target cuda $a --rows 16384 --check
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run530.txt
