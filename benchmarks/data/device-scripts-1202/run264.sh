#!/usr/bin/env bash
# Device run 264 (2026-12-01): fp32 7680, 6656, 3840 (the L2 at 94 % in
# run263's ncu of 7680): the defaults, without a and b, and with cache
# hints on x's and on a's and b's loads (build-l2.sh -> .device/l2.tar.xz),
# walsh-gpu, 65536 and 16384 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/l2 && tar xJf .device/l2.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for pass in 1 2; do
  for v in base noaff x a xa; do
    for rows in 65536 16384; do
      $B/walsh-gpu /tmp/l2/$v --check-rows 257 --rows $rows 2>&1 | grep outproj | sed "s/^/pass $pass $v /"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run264.txt
