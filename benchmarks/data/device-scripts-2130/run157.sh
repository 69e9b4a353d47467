#!/usr/bin/env bash
# Device run 157 (2026-11-30): build-k63.sh's sets. H_m on tensor cores at
# 2^k = 8, defaults against the 8-byte store probe (its kernels FAIL: only
# their time counts), side by side, the order swapped in the second pass;
# m = 12 with 1, 2, 4, 8 rows a block, two passes; 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k63.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
for run in "1 0 dflt" "1 0 probe" "2 0 probe" "2 0 dflt" "3 16384 dflt" "3 16384 probe" "4 16384 probe" "4 16384 dflt" "5 0 rpb" "6 0 rpb" "7 16384 rpb" "8 16384 rpb"; do
  set -- $run
  echo "== pass $1 rows $2 set $3 $(date -u +%T)"
  $G 150 $B/walsh-gpu /tmp/k/$3 --check-rows 257 --rows $2
  echo "rc=$?"
done
date -u +%T
} 2>&1 | tee $OUT/run157.txt
echo "done $(date -u)"
