#!/usr/bin/env bash
# Device run 125 (2026-11-30): H_m on tensor cores at 2^k = 64 and 128
# (build-k41.sh): the other forms checked (chk/), then per size the
# default and the new kernel with 2, 4 and 8 rows a block, each checked
# and timed, 65536 and 16384 rows, two passes. And run 124's JIT checks
# that its script dropped (a `$4` under set -u).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k41.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 60 $B/walsh-gpu /tmp/k/chk --check-rows 257 --no-time
echo "chk rc=$? $(date -u +%T)"
for a in "bf16 960 65536" "f16 1920 65536" "bf16 1408 16384" "bf16 448 16384"; do
  set -- $a
  WALSH_CACHE_DIR=/tmp/wc $G 60 $B/walsh run --target cuda --dtype $1 --d $2 --rows $3 --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print(j['dtype'], j['d'], j['rows'], 'err', j['max_rel_error'], 'us', round(j['time_us'],1), 'frac', round(j['roofline_fraction'],3))"
done
for pass in 1 2; do
  for r in 65536 16384; do
    for s in dflt r2 r4 r8; do
      echo "== pass $pass rows $r set $s $(date -u +%T)"
      $G 90 $B/walsh-gpu /tmp/k/ab/$s --check-rows 257 --rows $r
      echo "rc=$?"
    done
  done
done
} 2>&1 | tee $OUT/run125.txt
echo "done $(date -u)"
