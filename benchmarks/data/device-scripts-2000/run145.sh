#!/usr/bin/env bash
# Device run 145 (2026-11-30): build-k56.sh's fp32 kernels, the default
# against four row groups, checked and timed side by side (walsh-gpu), the
# order swapped in the second pass, at 65536 and 16384 rows; then the JIT's
# own figures on this host (walsh bench --cache: cold compile, disk hit,
# memory hit, launch) with this session's compile changes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k56.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
for run in "1 0 dflt" "1 0 i4" "2 0 i4" "2 0 dflt" "3 16384 dflt" "3 16384 i4"; do
  set -- $run
  echo "== pass $1 rows $2 set $3 $(date -u +%T)"
  $G 120 $B/walsh-gpu /tmp/k/$3 --check-rows 257 --rows $2
  echo "rc=$?"
done
echo "== bench --cache $(date -u +%T)"
$G 240 $B/walsh bench --cache
echo "rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run145.txt
echo "done $(date -u)"
