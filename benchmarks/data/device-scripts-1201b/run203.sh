#!/usr/bin/env bash
# Device run 203 (2026-12-01): the whole GPU conformance test of the
# session's final build (clusters included) from the bundle (.device/bundle.tar.xz, as
# ../device-scripts-1201/build-k82.sh makes it).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%T
WALSH_CACHE_DIR=none stdbuf -oL -eL timeout 500 /tmp/walsh-bundle/tests/gpu-conformance.sh $B > /tmp/conf.txt 2>&1
echo "conformance rc=$? $(date -u +%T) PASS $(grep -c ' PASS ' /tmp/conf.txt) FAIL $(grep -c ' FAIL' /tmp/conf.txt)"
grep " FAIL" /tmp/conf.txt | head
} 2>&1 | tee $OUT/run203.txt
cp /tmp/conf.txt $OUT/conf-run203.txt
