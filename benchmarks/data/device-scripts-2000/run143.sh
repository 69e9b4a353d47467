#!/usr/bin/env bash
# Device run 143 (2026-11-30): build-k55.sh's kernels, LLVM's optimizer for
# the gpu.module at O3 (today) against O0: every kernel checked on 257 rows
# against the float64 oracle, then timed against the copy (walsh-gpu),
# both sets side by side, the order swapped in the second pass; then at
# 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k55.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
for run in "1 0 o3" "1 0 o0" "2 0 o0" "2 0 o3" "3 16384 o3" "3 16384 o0"; do
  set -- $run
  echo "== pass $1 rows $2 set $3 $(date -u +%T)"
  $G 150 $B/walsh-gpu /tmp/k/$3 --check-rows 257 --rows $2
  echo "rc=$?"
done
} 2>&1 | tee $OUT/run143.txt
echo "done $(date -u)"
