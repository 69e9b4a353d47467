#!/usr/bin/env bash
# Device run 155 (2026-11-30): the tensor-core kernels' first row before the
# tables, and f16 tiles of four dense indices deriving stage 1's fragments
# (build-k61.sh): the 16-bit defaults before and after, checked and timed
# side by side (walsh-gpu), the order swapped in the second pass, at 65536
# and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k61.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
for run in "1 0 old" "1 0 new" "2 0 new" "2 0 old" "3 16384 old" "3 16384 new" "4 16384 new" "4 16384 old"; do
  set -- $run
  echo "== pass $1 rows $2 set $3 $(date -u +%T)"
  $G 150 $B/walsh-gpu /tmp/k/$3 --check-rows 257 --rows $2
  echo "rc=$?"
done
date -u +%T
} 2>&1 | tee $OUT/run155.txt
echo "done $(date -u)"
