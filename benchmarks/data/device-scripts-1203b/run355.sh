#!/usr/bin/env bash
# Device run 355 (2026-12-03), the final build: (1) /tmp/difffin checked
# as the conformance test does; (2) bf16 13312 over 832 and 416 threads
# (walsh-gpu, two passes); (3) walsh bench at 9216 ... 18432 in 16 bits,
# 65536 and 16384 rows, beside the copy and cuBLAS.
set -u
cd /tmp && rm -rf walsh-bundle difffin s355 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
timeout 60 $B/walsh-gpu /tmp/difffin --check-rows 257 --no-time > $OUT/h200-conformance-sub-run355.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-sub-run355.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-sub-run355.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-sub-run355.txt | head
for p in 1 2; do for r in 16384 65536; do
  timeout 60 $B/walsh-gpu /tmp/s355 --check-rows 257 --rows $r 2>&1 | grep --line-buffered "outproj\|FAIL\|rror"
done; done
date -u +%H:%M:%S
WALSH_CACHE_DIR=/tmp/wc stdbuf -oL -eL timeout 200 $B/walsh bench --target cuda --sizes 9216,11264,13312,14336,15360,18432 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run355.txt
