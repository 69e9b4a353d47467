#!/usr/bin/env bash
# Device run 68 (2026-11-30): GPU conformance of the final tree (1058
# distinct kernels compiled on the build machine with ptxas,
# `gpu-conformance.sh build/bin --compile-only`, carried as cubins), each
# checked on 257 rows by walsh-gpu; walsh bench --cache on this host (cold
# compile after the one-translation serializer).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/kfinal && tar xJf .device/kfinal.tar.xz -C /tmp
timeout 420 $B/walsh-gpu /tmp/kfinal --check-rows 257 --no-time > $OUT/conformance.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c ' PASS ' $OUT/conformance.txt) FAIL $(grep -c ' FAIL ' $OUT/conformance.txt)"; grep -v ' PASS ' $OUT/conformance.txt | tail -5
rm -rf /tmp/wc-cache; WALSH_CACHE_DIR=/tmp/wc-cache timeout 120 $B/walsh bench --cache > $OUT/cache.txt 2>&1; echo "cache rc=$?"; cat $OUT/cache.txt | tail -25
echo "done $(date -u)"
