#!/usr/bin/env bash
# Device run 214 (2026-12-01): two more walsh bench passes of the final
# build at the sizes where run213 and walsh-gpu (run212) differed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
for p in 1 2; do
  echo "== pass $p"
  WALSH_CACHE_DIR=/tmp/wc timeout 200 $B/walsh bench --target cuda --sizes 7168,16384,32768 --dtypes bf16,f32 --rows 65536,16384 --decode-rows none --no-dense 2>&1 | grep -E '^(bf16|f32|dtype)'
done 2>&1 | tee $OUT/run214.txt
