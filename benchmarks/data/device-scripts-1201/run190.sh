#!/usr/bin/env bash
# Device run 190 (2026-12-01): decode at d = 8192 again (run189 timed fp32
# at 16 rows 3.64 us a call under graph replay against 3.06 at one row):
# walsh bench three times, then walsh tune for those shapes (fp32, bf16).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
for pass in 1 2 3; do
  echo "== pass $pass"
  WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 60 $B/walsh bench --target cuda --sizes 4096,8192 --dtypes f32,bf16 --rows 16384 --decode-rows 1,16 --no-dense
done
echo "== tune"
for dt in f32 bf16; do
  WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 120 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype $dt --head-dim 128 --heads 64 --batch 1,16 --seq 1
done
} 2>&1 | tee $OUT/run190.txt
