#!/usr/bin/env bash
# Device run 78 (2026-11-30): walsh bench over the 16-bit sizes whose
# default is now cross_warp = mma (one warp a row: 1536, 2560, 3072, 3584;
# two: 5120, 6144, 7168), at 65536 and 16384 rows, with cuBLAS and the
# copy side by side; JSON kept.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
timeout 300 $B/walsh bench --target cuda --sizes 1536,2560,3072,3584,5120,6144,7168 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none > $OUT/h200-bench-mma-78.txt; timeout 200 $B/walsh bench --target cuda --sizes 1536,2560,3072,3584,5120,6144,7168 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none --no-dense --json > $OUT/h200-bench-mma-78.json; cat $OUT/h200-bench-mma-78.txt
} 2>&1 | tee $OUT/run78.txt
echo "done $(date -u)"
