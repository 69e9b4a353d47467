#!/usr/bin/env bash
# Device run 139 (2026-11-30): run138's `walsh run --check` of f16 6656
# transposed printed nothing (killed by its 60 s timeout?): the transposed
# defaults of 5632, 6656 and 7680 (two warps a row) by walsh-gpu, and
# through the JIT again with stderr and the exit status shown.
# .device/k55.tar.xz was built by hand: folder a/ holds `walsh compile
# --target cuda --rows 65536` (WALSH_CUDA_BIN=none, then ptxas -O3) of f16
# 6656 --transpose, bf16 6656 --transpose, f16 6656, f16 7680 --transpose
# and f16 5632 --transpose.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k55.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 60 $B/walsh-gpu /tmp/k/a --check-rows 257 --rows 65536
echo "walsh-gpu rc=$? $(date -u +%T)"
for a in "f16 6656 65536 --transpose" "f16 6656 257 --transpose" "bf16 6656 65536 --transpose"; do
  set -- $a
  WALSH_CACHE_DIR=/tmp/wc $G 90 $B/walsh run --target cuda --dtype $1 --d $2 --rows $3 ${4:-} --check --json > /tmp/o.json
  echo "walsh run $a rc=$? $(date -u +%T)"; head -c 1500 /tmp/o.json | tr '\n' ' '; echo
done
} 2>&1 | tee $OUT/run139.txt
