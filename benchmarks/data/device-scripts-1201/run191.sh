#!/usr/bin/env bash
# Device run 191 (2026-12-01): the sizes run189 timed 0.04-0.07 below run163
# (bf16 288 and f16 640 at 16384 rows, f16 5632 at 65536), with neighbours,
# walsh bench three times.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
for pass in 1 2 3; do
  echo "== pass $pass"
  WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 100 $B/walsh bench --target cuda --sizes 288,640,5632 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none --no-dense
done
} 2>&1 | tee $OUT/run191.txt
