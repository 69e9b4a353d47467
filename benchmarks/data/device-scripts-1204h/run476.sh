#!/usr/bin/env bash
# Device run 476 (2026-12-04): the H200 machine's host CPU (Sapphire
# Rapids, a 48 KB L1 too, where walsh's CPU compiler gives the rules no L1
# size), one thread, 4e086f1's bundle: the rows' prefetches into L2 or L1
# (walsh::prefetchRowsIntoL1) with the pass order held at widest_first, so
# that WALSH_L1D_BYTES (0 or 49152) changes only their locality. Four
# back-to-back pairs a size, `walsh run --json`, 2^26 / d rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
lscpu | grep -E "Model name|L1d"
for spec in "f32 1024" "f32 2048" "f32 3072" "f32 4096" "f32 8192" "f32 16384" "bf16 2048" "bf16 4096" "bf16 16384"; do
  set -- $spec
  for r in 1 2 3 4; do
    for l1 in 0 49152; do
      echo "$1 $2 $l1 $(WALSH_L1D_BYTES=$l1 taskset -c 2 timeout 60 $B/walsh run --target cpu --threads 1 --pass-order widest_first --dtype $1 --d $2 --rows $((67108864 / $2)) --json 2>&1 | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["time_us"], j["roofline_fraction"])')"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-host-cpu-prefetch-l1-run476.txt
