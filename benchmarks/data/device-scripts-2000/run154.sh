#!/usr/bin/env bash
# Device run 154 (2026-11-30): the whole GPU conformance test of the final
# build (16-byte staged stores for H_m on tensor cores from P = 16), from
# the bundle.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
{
date -u +%T
WALSH_CACHE_DIR=none stdbuf -oL -eL timeout 280 /tmp/walsh-bundle/tests/gpu-conformance.sh /tmp/walsh-bundle/bin > /tmp/conf.txt 2>&1
echo "conformance rc=$? $(date -u +%T) PASS $(grep -c ' PASS ' /tmp/conf.txt) FAIL $(grep -c ' FAIL' /tmp/conf.txt)"
grep " FAIL" /tmp/conf.txt | head
} 2>&1 | tee $OUT/run154.txt
cp /tmp/conf.txt $OUT/conf-run154.txt
