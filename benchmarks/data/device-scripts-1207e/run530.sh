#!/usr/bin/env bash
# Device run 530 (2026-12-07, session 79): the split layout's row loads as
# ld.global.L1::no_allocate where its shared memory leaves the L1 60 KB or
# less (mmaRowsSkipL1; runs 528-529 measured the .nc form as a throwaway
# switch). base.flat: main's kernels before the change (bf16 and f16
# 20480 ... 32768, their defaults); new.flat: the change's (20480 and 22528
# unchanged, the PTX identical); nc.flat: the same with ld.global.nc (a
# throwaway edit, not kept: y may be x). walsh-gpu checks each on 257 rows
# against float64, then times it beside a device-to-device copy; passes
# base new nc new base at 16384 rows.
# Then the rest of the split layout's defaults, 16-bit 6144 ... 18432
# (base2.flat, unchanged) against the same with every row load so
# (all.flat; a throwaway switch, WALSH_EXP_NOALLOC_ALL): 12288 asks two
# blocks a multiprocessor (the L1 then 60 KB), the others 92-124 KB;
# passes base2 all all base2 at 16384 rows, base2 all at 65536. Then the bundle's
# walsh run --check on two of the changed kernels and walsh tune over
# 16-bit 24576 ... 32768 at 16384 rows with the change.
set -u
cd /tmp && rm -rf walsh-bundle *.flat && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e4.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for v in base new nc new base; do
  echo "== $v, 16384 rows"
  timeout 100 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows 16384
done
for v in base2 all all base2; do
  echo "== $v, 16384 rows"
  timeout 100 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows 16384
done
for v in base2 all; do
  echo "== $v, 65536 rows"
  timeout 100 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows 65536
done
for a in "--d 28672 --dtype bf16" "--d 32768 --dtype f16"; do
  echo "== walsh run $a"
  WALSH_CACHE_DIR=none timeout 60 walsh run --target cuda $a --rows 16384 --check
done
echo "== walsh tune 16-bit 24576 ... 32768, 16384 rows"
WALSH_CACHE_DIR=/tmp/wc530 timeout 120 walsh tune --target cuda --dtype bf16,f16 --d 24576,26624,28672,30720,32768 --rows 16384 --db /tmp/tune530.json 2>&1 | tail -24
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run530.txt
