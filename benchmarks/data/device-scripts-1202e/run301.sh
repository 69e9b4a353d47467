#!/bin/bash
# The whole GPU conformance set of d70813e (compiled on the VM with
# tests/gpu/gpu-conformance.sh build/bin --compile-only), checked as the test does.
cd /tmp && rm -rf walsh-bundle conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
date -u +%H:%M:%S
walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run301.txt 2>&1; echo "walsh-gpu rc=$?"
grep -c PASS $OUT/h200-conformance-run301.txt; grep -c FAIL $OUT/h200-conformance-run301.txt; tail -3 $OUT/h200-conformance-run301.txt
date -u +%H:%M:%S
