#!/usr/bin/env bash
# Device run 221 (2026-12-01): bf16 alone, run220's A/B three more times
# (its second pass read the final build 0.41-0.53 where the first read
# 0.61-0.68).
set -u
cd /tmp && rm -rf walsh-bundle before && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/before.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for p in 1 2 3; do
  for v in before after; do
    if [ $v = before ]; then W="env LD_LIBRARY_PATH=/tmp/before/lib:/tmp/walsh-bundle/lib /tmp/before/bin/walsh"; else W=$B/walsh; fi
    echo "== $v pass $p"
    timeout 200 $W bench --target cpu --sizes 256,512,1024,2048,4096,16384 --dtypes bf16 --threads 1 --no-dense 2>&1 | grep -E '^bf16'
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run221.txt
