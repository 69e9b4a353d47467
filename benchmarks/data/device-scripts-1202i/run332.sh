#!/usr/bin/env bash
# Device run 332 (2026-12-02): fp32 7168's new default (the split layout
# with shuffles) in its forms, checked; through the JIT (walsh run --check)
# and in walsh bench beside cuBLAS; 16-bit 5632's default against two
# warps a row of two rows (build-332.sh's sets; walsh-gpu, every kernel
# checked on 257 rows, three passes, 8192 ... 65536 rows).
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
echo "== forms"
timeout 60 $B/walsh-gpu /tmp/sets/forms --check-rows 257 --no-time 2>&1 | grep --line-buffered "outproj\|FAIL\|rror"
echo "== walsh run --check (JIT)"
for rows in 65 1000 16384 65536; do
  WALSH_CACHE_DIR=none timeout 60 $B/walsh run --target cuda --dtype f32 --d 7168 --rows $rows --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print({k: j.get(k) for k in ('d','rows','time_us','roofline_fraction','max_rel_error')})"
done
for pass in 1 2 3; do
  for rows in 65536 32768 16384 8192; do
    for v in d w; do
      timeout 60 $B/walsh-gpu /tmp/sets/$v --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$v$rows' p'$pass' " $0}'
    done
  done
done
echo "== walsh bench"
WALSH_CACHE_DIR=/tmp/wcache timeout 200 $B/walsh bench --target cuda --sizes 7168 --dtypes f32 --rows 65536,16384 --decode-rows none 2>&1 | tail -6
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run332.txt
