#!/usr/bin/env bash
# Device run 16 (2026-11-30): the transform's scale folded into the first
# butterfly level (two FMAs and a multiply a pair; WALSH_FOLD=1 at compile
# time, f1/g1) against the scale in the affine (f0/g0). Three passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
for pass in 1 2 3; do for v in f0 f1 g0 g1; do
  r=65536; case $v in g*) r=16384;; esac
  timeout 60 $B/walsh-gpu .device/v16/$v --rows $r --check-rows 257 2>&1 | grep outproj | awk -v p=$pass -v v=$v '{print p, v, $1, $5, $7, $(NF)}'
done; done | tee $OUT/sweep.txt
