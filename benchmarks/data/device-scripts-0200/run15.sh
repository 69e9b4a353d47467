#!/usr/bin/env bash
# Device run 15 (2026-11-30): the tuner's choices of run 14 as defaults
# (n*) against the defaults before (o*): 16-bit d = 1024 through
# transposes, two rows a block, four groups (also with RMSNorm, row sums,
# bhsd), d = 4096 four groups. Compiled here; three passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
for pass in 1 2 3; do for v in n65 o65 n16 o16; do
  r=65536; case $v in *16) r=16384;; esac
  timeout 60 $B/walsh-gpu .device/v15/$v --rows $r --check-rows 257 2>&1 | grep outproj | awk -v p=$pass -v v=$v '{print p, v, $1, $5, $7, $(NF)}'
done; done | tee $OUT/sweep.txt
