#!/usr/bin/env bash
# Device run 218 (2026-12-01): the second pass of run217's GPU half, PTX first.
set -u
cd /tmp && rm -rf walsh-bundle gk && tar xJf "$OLDPWD/.device/bundle.tar.xz" && mkdir gk && tar xJf "$OLDPWD/.device/gk.tar.xz" -C gk && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for v in ptx cub; do
  echo "== gpu $v pass 2"
  timeout 200 $B/walsh-gpu /tmp/gk/$v --rows 65536 --check-rows 257 --json $OUT/run218-$v.json > $OUT/run218-$v.txt 2>&1; echo "rc=$?"
  tail -3 $OUT/run218-$v.txt
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run218.txt
