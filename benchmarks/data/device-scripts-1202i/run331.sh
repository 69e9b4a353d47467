#!/usr/bin/env bash
# Device run 331 (2026-12-02): fp32 7168's default against run329's pick
# (build-331.sh's set; walsh-gpu, every kernel checked on 257 rows, three
# passes, 65536 and 16384 rows); walsh tune over the 16384-row misses near
# 0.85 (288, 320, 576, 704 as 9, 10, 18, 22 heads of 32; 3328, 4608,
# 5632, 20480, 24576 as 26, 36, 44, 160, 192 heads of 128), three dtypes.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
date -u +%H:%M:%S
for pass in 1 2 3; do
  for rows in 65536 16384; do
    timeout 60 $B/walsh-gpu /tmp/sets/a --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$rows' p'$pass' " $0}'
  done
done
timeout 150 $B/walsh tune --target cuda --dtype bf16,f16,f32 --batch 4 --seq 4096 --heads 9,10,18,22 --head-dim 32 --db /tmp/tune331.json 2>&1 | tail -14
timeout 200 $B/walsh tune --target cuda --dtype bf16,f16,f32 --batch 4 --seq 4096 --heads 26,36,44,160,192 --head-dim 128 --db /tmp/tune331.json 2>&1 | tail -17
cp /tmp/tune331.json $OUT/ 2>/dev/null
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run331.txt
