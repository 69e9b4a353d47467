#!/usr/bin/env bash
# Device run 201 (2026-12-01): walsh tune over decode rows (1, 16) at d =
# 2048, 4096 and 8192, three dtypes, with the pushing cluster stage: do
# clusters now beat one block where the pull lost (run194, run196)?
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for dt in f32 bf16 f16; do
  for h in 16 32 64; do
    WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 100 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype $dt --head-dim 128 --heads $h --batch 1,16 --seq 1 --json > $OUT/tune-$dt-$h.json
    python3 "$(dirname "$0")/tune-summary.py" $OUT/tune-$dt-$h.json
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run201.txt
