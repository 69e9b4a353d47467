#!/usr/bin/env bash
# Device run 159 (2026-11-30): the whole GPU conformance test of this build
# (f16 tiles of four dense indices deriving stage 1's fragments; four rows a
# block at 384, eight at 1920), from the bundle; then walsh bench over the
# sizes it moved.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%T
WALSH_CACHE_DIR=none stdbuf -oL -eL timeout 420 /tmp/walsh-bundle/tests/gpu-conformance.sh $B > /tmp/conf.txt 2>&1
echo "conformance rc=$? $(date -u +%T) PASS $(grep -c ' PASS ' /tmp/conf.txt) FAIL $(grep -c ' FAIL' /tmp/conf.txt)"
grep " FAIL" /tmp/conf.txt | head
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 150 $B/walsh bench --target cuda --sizes 384,1920,2816,1280,1792,2304 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run159.txt
cp /tmp/conf.txt $OUT/conf-run159.txt
