#!/usr/bin/env bash
# Device run 156 (2026-11-30): f16 tiles of four dense indices deriving
# stage 1's fragments (build-k62.sh), before and after side by side
# (walsh-gpu, order swapped in the second pass, 65536 and 16384 rows); then
# walsh tune (a fresh database, --force) over the bf16 sizes of H_m on
# tensor cores and of the tiles that miss 0.9 at 65536 rows: does any
# candidate now beat the default?
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k62.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
export WALSH_CACHE_DIR=/tmp/wc
{
date -u +%T
for run in "1 0 old" "1 0 new" "2 0 new" "2 0 old" "3 16384 old" "3 16384 new" "4 16384 new" "4 16384 old"; do
  set -- $run
  echo "== pass $1 rows $2 set $3 $(date -u +%T)"
  $G 150 $B/walsh-gpu /tmp/k/$3 --check-rows 257 --rows $2
  echo "rc=$?"
done
$G 200 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype bf16 --head-dim 32 --heads 9,10,11,12,13,15,28 --batch 8,2 --seq 8192
echo "rc=$? $(date -u +%T)"
$G 200 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype bf16 --head-dim 128 --heads 10,12,20 --batch 8,2 --seq 8192
echo "rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run156.txt
echo "done $(date -u)"
