#!/usr/bin/env bash
# Device run 182 (2026-12-01): the whole GPU conformance test of the final
# build from the bundle (.device/bundle.tar.xz, the gzip bundle recompressed
# with xz), then `walsh bench` over the fp32 sizes whose default moved this
# session and 16-bit 256, 512, 1792.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%T
WALSH_CACHE_DIR=none stdbuf -oL -eL timeout 450 /tmp/walsh-bundle/tests/gpu-conformance.sh $B > /tmp/conf.txt 2>&1
echo "conformance rc=$? $(date -u +%T) PASS $(grep -c ' PASS ' /tmp/conf.txt) FAIL $(grep -c ' FAIL' /tmp/conf.txt)"
grep " FAIL" /tmp/conf.txt | head
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 100 $B/walsh bench --target cuda --sizes 160,224,288,320,352,416,448,480,960,1664,1920 --dtypes f32 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run182.txt
cp /tmp/conf.txt $OUT/conf-run182.txt
