#!/usr/bin/env bash
# Device run 94 (2026-11-30): the final compiler (88ef473). GPU conformance
# of the 106 tensor-core kernels of tests/gpu/gpu-conformance.sh (the other
# 1024 conformance kernels' PTX is byte-identical to c73473c's, checked in
# run77), 56 of them now assembled with ptxas's fast-compile level; and
# the JIT end to end (walsh run --check, compiled on this host) for two of
# the new defaults.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/c && mkdir /tmp/c && tar xJf .device/conf94.tar.xz -C /tmp/c
timeout 300 $B/walsh-gpu /tmp/c --check-rows 257 --no-time > $OUT/run94-conformance.txt 2>&1
echo "conformance rc=$?"; grep -c PASS $OUT/run94-conformance.txt; grep -v PASS $OUT/run94-conformance.txt | head
{
for args in "--d 2304 --dtype bf16 --rows 65536" "--d 768 --dtype f16 --rows 16384" "--heads 22 --head-dim 128 --dtype f16 --batch 4 --seq 4096"; do
  WALSH_CACHE_DIR=/tmp/wc timeout 60 $B/walsh run --target cuda $args --check --json
  echo
done
} 2>&1 | tee $OUT/run94-run.txt
echo "done $(date -u)"
