#!/usr/bin/env bash
# Device run 148 (2026-11-30): the whole GPU conformance test of the final
# build (every kernel checked element by element against the float64
# oracle on 257 rows, packed and padded, row-group kernels also on a grid
# of 3 blocks), from the bundle as README describes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
{
date -u +%T
WALSH_CACHE_DIR=none stdbuf -oL -eL timeout 540 /tmp/walsh-bundle/tests/gpu-conformance.sh /tmp/walsh-bundle/bin > /tmp/conf.txt 2>&1
echo "conformance rc=$? $(date -u +%T)"
grep -c " PASS " /tmp/conf.txt; grep -c " FAIL" /tmp/conf.txt; grep -v " PASS " /tmp/conf.txt | tail -15
} 2>&1 | tee $OUT/run148.txt
cp /tmp/conf.txt $OUT/conf-run148.txt
echo "done $(date -u)"
