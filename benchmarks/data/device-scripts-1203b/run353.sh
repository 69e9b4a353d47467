#!/usr/bin/env bash
# Device run 353 (2026-12-03): (1) the conformance kernels the stationary
# m-point stage changes (/tmp/diffstat: tests/gpu/gpu-conformance.sh
# --compile-only with the rule, against the build before; the cubins that
# differ), checked as the conformance test does; (2) build-353.sh's sets,
# whole items (st0) against stationary (st1), walsh-gpu, every kernel
# checked on 257 rows first, alternating passes at 16384 and 65536 rows.
set -u
cd /tmp && rm -rf walsh-bundle diffstat s353 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
timeout 120 $B/walsh-gpu /tmp/diffstat --check-rows 257 --no-time > $OUT/h200-conformance-sub-run353.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-sub-run353.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-sub-run353.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-sub-run353.txt | head
date -u +%H:%M:%S
for r in 16384 65536; do
  for t in st0 st1 st1 st0; do
    timeout 100 $B/walsh-gpu /tmp/s353/$t --check-rows 257 --rows $r 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$t' " $0}'
  done
  date -u +%H:%M:%S
done
} 2>&1 | tee $OUT/run353.txt
