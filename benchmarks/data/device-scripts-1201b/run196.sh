#!/usr/bin/env bash
# Device run 196 (2026-12-01): walsh tune --json over decode rows (1, 16)
# at d = 8192, 16384 and 32768 (f32, bf16), whose candidates include
# clusters of 2, 4 and 8 blocks a row down to 16 threads a block.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for dt in f32 bf16; do
  for h in 64 128 256; do
    WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 150 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype $dt --head-dim 128 --heads $h --batch 1,16 --seq 1 --json > $OUT/tune-$dt-$h.json
    python3 "$(dirname "$0")/tune-summary.py" $OUT/tune-$dt-$h.json
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run196.txt
