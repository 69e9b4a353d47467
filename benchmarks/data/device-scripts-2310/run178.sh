#!/usr/bin/env bash
# Device run 178 (2026-11-30): build-k78.sh's kernels, walsh-gpu (every
# kernel checked) at 16384, 32768 and 65536 rows, a/ and b/ side by side,
# three passes (the order swapped in the second).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/gpu-slim.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k78.tar.xz -C /tmp/k
{
for pass in 1 2 3; do
  sets="a b"; [ $pass = 2 ] && sets="b a"
  for rows in 16384 32768 65536; do
    for s in $sets; do
      echo "== pass $pass rows $rows set $s"
      stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/$s --rows $rows --check-rows 257
    done
  done
done
} 2>&1 | tee $OUT/run178.txt
