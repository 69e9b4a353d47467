#!/usr/bin/env bash
# Device run 226 (2026-12-01): the stand-in's tests again with the real
# driver installed, after the stand-in stopped reusing freed addresses
# (run225's [fake] run failed one check), in a random order, five seeds.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
F=/tmp/walsh-bundle/fake
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for seed in 1 2 3 4 5; do
  for t in "fake default" "no-device default init=100" "minimal minimal"; do
    set -- $t
    echo "seed $seed [$1]: $(env LD_LIBRARY_PATH=$F/$2:$LD_LIBRARY_PATH WALSH_FAKE_CUDA=${3:-} $F/walsh-fake-driver-tests "[$1]" --order rand --rng-seed $seed 2>&1 | grep -E 'passed|failed' | head -1)"
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run226.txt
