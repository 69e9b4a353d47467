#!/usr/bin/env bash
# Device run 150 (2026-11-30): build-k58.sh's probe, H_m on tensor cores'
# defaults against the same kernels storing 16 bytes a lane (to the wrong
# places: those FAIL, only their time counts), side by side, the order
# swapped in the second pass, at 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k58.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
for run in "1 0 dflt" "1 0 wide" "2 0 wide" "2 0 dflt" "3 16384 dflt" "3 16384 wide"; do
  set -- $run
  echo "== pass $1 rows $2 set $3 $(date -u +%T)"
  $G 120 $B/walsh-gpu /tmp/k/$3 --check-rows 257 --rows $2
  echo "rc=$?"
done
} 2>&1 | tee $OUT/run150.txt
echo "done $(date -u)"
