#!/usr/bin/env bash
# Device run 141 (2026-11-30): walsh bench with the cuBLAS baselines timed
# after every walsh and copy time (a dense product timed between two cases
# had slowed the next case: bf16 at 16384 rows ran 0.07 under f16 in
# run138). bf16 and f16 of sizes where run138 (or earlier benches) showed
# the gap, 65536 and 16384 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%T
stdbuf -oL -eL timeout 250 $B/walsh bench --target cuda --sizes 1408,1664,3328,4608,5120,7168 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run141.txt
