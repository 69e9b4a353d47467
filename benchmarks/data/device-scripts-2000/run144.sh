#!/usr/bin/env bash
# Device run 144 (2026-11-30): walsh tune (a fresh database, --force) over
# the 16-bit sizes that miss 0.9 at 65536 rows or 0.85 at 16384 rows, and
# fp32's misses: does any candidate beat the default configuration? (The
# tuner checks every candidate against the float64 oracle before timing.)
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
G="stdbuf -oL -eL timeout"
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%T
$G 200 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype bf16,f16 --head-dim 64 --heads 5,6,7,9,11,13,15 --batch 8,2 --seq 8192
echo "rc=$? $(date -u +%T)"
$G 240 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype bf16,f16 --head-dim 128 --heads 9,10,11,13,15,26,30,64,128 --batch 8,2 --seq 8192
echo "rc=$? $(date -u +%T)"
$G 120 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype f32 --head-dim 32,128 --heads 15,13,26,30 --batch 8 --seq 8192
echo "rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run144.txt
echo "done $(date -u)"
