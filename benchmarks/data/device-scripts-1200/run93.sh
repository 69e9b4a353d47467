#!/usr/bin/env bash
# Device run 93 (2026-11-30): walsh tune (with tiles of four dense indices
# among its candidates) over d = 768, 1280, 1792, 2304, 2816 (6 ... 22
# heads of 128), bf16 and f16, 16384 and 65536 rows: does any other
# configuration beat the new defaults?
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
timeout 500 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype bf16,f16 \
  --batch 4,16 --seq 4096 --heads 6,10,14,18,22 --head-dim 128 2>&1 | tee $OUT/run93-tune.txt
echo "done $(date -u)"
