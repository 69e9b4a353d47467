#!/usr/bin/env bash
# Device run 161 (2026-11-30): build-k66.sh's set (6144 as H_m on tensor
# cores against the split layout; 768 as H_m against the tiles), every kernel
# checked, two passes at 65536 rows, one at 32768, two at 16384.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k66.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
for run in "1 0 hm" "2 0 hm" "3 32768 hm" "4 16384 hm" "5 16384 hm"; do
  set -- $run
  echo "== pass $1 rows $2 set $3 $(date -u +%T)"
  $G 150 $B/walsh-gpu /tmp/k/$3 --check-rows 257 --rows $2
  echo "rc=$?"
done
date -u +%T
} 2>&1 | tee $OUT/run161.txt
echo "done $(date -u)"
