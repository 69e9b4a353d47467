#!/usr/bin/env bash
# Device run 37 (2026-11-30): decode under CUDA-graph replay at the sizes with a dense factor (their defaults changed this and last session), and 4096/8192 for reference.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
WALSH_CACHE_DIR=/tmp/wc timeout 200 $B/walsh bench --target cuda --sizes 768,1536,3072,4096,5120,8192,12288 --rows 16 --decode-rows 1,16 --no-dense > $OUT/bench.txt 2>&1; echo "bench rc=$?"
cat $OUT/bench.txt | head -40
echo "done $(date -u)"
