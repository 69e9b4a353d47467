#!/usr/bin/env bash
# Device run 106 (2026-11-30): walsh tune over run105's larger dense sizes
# (1152 ... 7680 as 9 ... 60 heads of 128), bf16, 65536 rows: does any
# configuration the tuner knows beat their defaults?
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
timeout 300 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype bf16 \
  --batch 16 --seq 4096 --heads 9,11,13,15,36,44,52,60 --head-dim 128 2>&1 | tee $OUT/run106-tune.txt
echo "done $(date -u)"
