#!/usr/bin/env bash
# Device run 220 (2026-12-01): the final build (98ca40b: one prefetch a
# line, two where a vector is narrower than a line on rows of at most two
# passes) against c006eea on the H200 host's Sapphire Rapids, f32 and bf16,
# one thread, two alternations; then the final build's two threads.
set -u
cd /tmp && rm -rf walsh-bundle before && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/before.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for p in 1 2; do
  for v in before after; do
    if [ $v = before ]; then W="env LD_LIBRARY_PATH=/tmp/before/lib:/tmp/walsh-bundle/lib /tmp/before/bin/walsh"; else W=$B/walsh; fi
    echo "== $v pass $p"
    timeout 200 $W bench --target cpu --sizes 256,512,1024,2048,4096,16384 --dtypes f32,bf16 --threads 1 --no-dense 2>&1 | grep -E '^(f32|bf16)'
  done
done
echo "== after, walsh bench --target cpu (defaults: f32 and bf16, 1 and 2 threads, OpenBLAS beside)"
timeout 200 $B/walsh bench --target cpu 2>&1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run220.txt
