#!/usr/bin/env bash
# Device run 219 (2026-12-01): the CPU prefetch's density on the H200
# host's Sapphire Rapids, one thread, f32, three alternations: c006eea
# (before: a prefetch with every store), fd00497 with its throwaway switch
# (the bundle: one prefetch a cache line; WALSH_TMP_STEPDIV=2, two a line).
set -u
cd /tmp && rm -rf walsh-bundle before && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/before.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for p in 1 2 3; do
  for v in before one two; do
    case $v in
      before) W="env LD_LIBRARY_PATH=/tmp/before/lib:/tmp/walsh-bundle/lib /tmp/before/bin/walsh";;
      one) W=$B/walsh;;
      two) W="env WALSH_TMP_STEPDIV=2 $B/walsh";;
    esac
    echo -n "$v pass $p: "
    timeout 150 $W bench --target cpu --sizes 256,512,768,1024,2048,4096,16384,3584,12288 --dtypes f32 --threads 1 --no-dense 2>&1 | grep -E '^f32' | awk '{printf "%s %s  ", $2, $10}'; echo
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run219.txt
