#!/usr/bin/env bash
# Device run 160 (2026-11-30): build-k65.sh's set, H_m on tensor cores with
# four and eight rows a block against the tiles (the defaults) at 768 ...
# 3584 (every kernel checked), two passes at 65536 and two at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k65.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
for run in "1 0 hm" "2 0 hm" "3 16384 hm" "4 16384 hm"; do
  set -- $run
  echo "== pass $1 rows $2 set $3 $(date -u +%T)"
  $G 150 $B/walsh-gpu /tmp/k/$3 --check-rows 257 --rows $2
  echo "rc=$?"
done
date -u +%T
} 2>&1 | tee $OUT/run160.txt
echo "done $(date -u)"
