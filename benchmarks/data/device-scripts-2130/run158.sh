#!/usr/bin/env bash
# Device run 158 (2026-11-30): build-k64.sh's set, H_m on tensor cores with
# 2, 4 and 8 rows a block (every kernel checked), two passes at 65536 and
# two at 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k64.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
for run in "1 0 rpb" "2 0 rpb" "3 16384 rpb" "4 16384 rpb"; do
  set -- $run
  echo "== pass $1 rows $2 set $3 $(date -u +%T)"
  $G 150 $B/walsh-gpu /tmp/k/$3 --check-rows 257 --rows $2
  echo "rc=$?"
done
date -u +%T
} 2>&1 | tee $OUT/run158.txt
echo "done $(date -u)"
