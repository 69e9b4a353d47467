#!/usr/bin/env bash
# Device run 171 (2026-11-30): build-k72.sh's fp32 kernels. chk/ checked
# only; then dflt/ (the fp32 defaults) and r2/, r4/, r8/ (H_m on tensor
# cores with 2, 4, 8 rows a block) checked and timed by walsh-gpu at 65536
# and 16384 rows, two passes (the order of the sets swapped in the second).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k72.tar.xz -C /tmp/k
{
echo "== chk"
stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/chk --check-rows 257 --no-time
for pass in 1 2; do
  sets="dflt r2 r4 r8"; [ $pass = 2 ] && sets="r8 r4 r2 dflt"
  for rows in 65536 16384; do
    for s in $sets; do
      echo "== pass $pass rows $rows set $s"
      stdbuf -oL timeout 120 $B/walsh-gpu /tmp/k/$s --check-rows 257 --rows $rows
    done
  done
done
} 2>&1 | tee $OUT/run171.txt
