#!/usr/bin/env bash
# Device run 105 (2026-11-30): walsh bench over the dense sizes of issue
# 4's range (256 ... 8192) that no sweep had timed: every m * 2^k for m =
# 12 ... 60 not yet in the usual list, three dtypes, 65536 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
timeout 400 $B/walsh bench --target cuda --sizes 288,320,352,384,416,448,480,576,640,704,832,896,960,1152,1408,1664,1920,4608,5632,6656,7680 \
  --dtypes bf16,f16,f32 --rows 65536 --decode-rows none 2>&1 | tee $OUT/run105-bench.txt
echo "done $(date -u)"
