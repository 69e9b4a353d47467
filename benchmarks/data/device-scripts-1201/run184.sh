#!/usr/bin/env bash
# Device run 184 (2026-12-01): k81 (made by hand, see README): the large
# 16-bit powers of two with their a/b loads (and x's where it is loaded
# with ld.global) given other cache operators (v0 as compiled, v1 x
# L1::no_allocate, v3 v1 + a/b ld.global.nc.L1::evict_last, v4 a/b
# ld.global.nc, v5 a/b nc + evict_last), beside the same kernels without
# a and b; and 32768 with 128 values a thread (c/). Two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/gpu-slim.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k81.tar.xz -C /tmp/k
{
for pass in 1 2; do
  echo "== pass $pass rows 65536 set a"
  stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/a --rows 65536 --check-rows 257
  echo "== pass $pass rows 16384 set b"
  stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/b --rows 16384 --check-rows 257
  for rows in 16384 65536; do
    echo "== pass $pass rows $rows set c"
    stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/c --rows $rows --check-rows 257
  done
done
} 2>&1 | tee $OUT/run184.txt
