#!/usr/bin/env bash
# Device run 188 (2026-12-01): build-k84.sh's kernels. The 276 conformance
# kernels the change moved, checked (walsh-gpu --no-time, 257 rows); then
# the mma-family defaults before (a) and after (b), 16384 rows three passes
# and 65536 rows two, the order swapped in the second.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/gpu-slim.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k84.tar.xz -C /tmp/k
{
echo "== conformance"
stdbuf -oL timeout 200 $B/walsh-gpu /tmp/k/conf --no-time --check-rows 257
for pass in 1 2 3; do
  sets="a b"; [ $pass = 2 ] && sets="b a"
  for s in $sets; do
    echo "== pass $pass rows 16384 set $s"
    stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/${s}16 --rows 16384 --check-rows 257
  done
  [ $pass = 3 ] && continue
  for s in $sets; do
    echo "== pass $pass rows 65536 set $s"
    stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/${s}64 --rows 65536 --check-rows 257
  done
done
} 2>&1 | tee $OUT/run188.txt
