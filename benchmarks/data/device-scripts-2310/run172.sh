#!/usr/bin/env bash
# Device run 172 (2026-11-30): build-k73.sh's fp32 kernels (n2/ n4/ n8/:
# loads at a lane term and an immediate) against build-k72.sh's (r4/ r8/:
# an address per load) and the defaults (dflt/), walsh-gpu at 65536 and
# 16384 rows, two passes (order swapped); chk/ checked only.
set -u
# walsh-gpu alone: the bundle without libwalsh and the compiler tools
# (.device/gpu-slim.tar.xz, xz: the whole bundle and the tree passed the
# 64 MB a call carries).
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/gpu-slim.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k /tmp/n && mkdir /tmp/k /tmp/n && tar xJf .device/k72.tar.xz -C /tmp/k && tar xJf .device/k73.tar.xz -C /tmp/n
{
echo "== chk"
stdbuf -oL timeout 100 $B/walsh-gpu /tmp/n/chk --check-rows 257 --no-time
for pass in 1 2; do
  sets="k/dflt k/r4 k/r8 n/n2 n/n4 n/n8"; [ $pass = 2 ] && sets="n/n8 n/n4 n/n2 k/r8 k/r4 k/dflt"
  for rows in 65536 16384; do
    for s in $sets; do
      echo "== pass $pass rows $rows set $s"
      stdbuf -oL timeout 120 $B/walsh-gpu /tmp/$s --check-rows 257 --rows $rows
    done
  done
done
} 2>&1 | tee $OUT/run172.txt
