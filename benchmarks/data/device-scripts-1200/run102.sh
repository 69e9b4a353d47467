#!/usr/bin/env bash
# Device run 102 (2026-11-30): the session's final compiler, walsh bench
# over the usual sizes plus the new tile sizes, three dtypes, 65536 and
# 16384 rows, cuBLAS beside (no decode rows).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
timeout 500 $B/walsh bench --target cuda --sizes 128,256,512,768,1024,1280,1536,1792,2048,2304,2560,2816,3072,3328,3584,3840,4096,5120,6144,7168,8192,12288,16384,32768 \
  --dtypes bf16,f16,f32 --rows 65536,16384 --decode-rows none 2>&1 | tee $OUT/run102-bench.txt
echo "done $(date -u)"
