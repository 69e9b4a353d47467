#!/usr/bin/env bash
# Device run 227 (2026-12-01): 16-bit d = 16384's L2 prefetch distance, a
# throwaway switch (WALSH_TMP_L2_KB at compile time): 1, 2, 3, 4 (the
# default) and 6 MB of rows ahead, bf16 and f16, walsh-gpu at 16384 and
# 65536 rows, three passes in rotated order. Kernels in .device/l2/kbN.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
orders=("1024 2048 3072 4096 6144" "6144 4096 3072 2048 1024" "3072 6144 1024 4096 2048")
for pass in 0 1 2; do
  for rows in 16384 65536; do
    for kb in ${orders[$pass]}; do
      walsh-gpu .device/l2/kb$kb --rows $rows 2>&1 | grep -E "^outproj" | sed "s/^/pass $((pass+1)) kb$kb rows$rows /"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run227.txt
