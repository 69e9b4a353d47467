#!/usr/bin/env bash
# Device run 153 (2026-11-30): H_m on tensor cores storing 16 bytes a lane at P = 16
# through a stmatrix staging area (build-k60.sh): the 32 conformance kernels
# it moved, checked; the defaults before and after, checked and timed side
# by side (walsh-gpu), the order swapped in the second pass, at 65536 and
# 16384 rows; some through the JIT (walsh run --check).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k60.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 150 $B/walsh-gpu /tmp/k/conf --check-rows 257 --no-time
echo "conf rc=$? $(date -u +%T)"
for run in "1 0 old" "1 0 new" "2 0 new" "2 0 old" "3 16384 old" "3 16384 new"; do
  set -- $run
  echo "== pass $1 rows $2 set $3 $(date -u +%T)"
  $G 150 $B/walsh-gpu /tmp/k/$3 --check-rows 257 --rows $2
  echo "rc=$?"
done
for a in "bf16 704 65536" "f16 960 16384 --transpose" "bf16 576 65536 --no-affine" "f16 320 65536"; do
  set -- $a
  WALSH_CACHE_DIR=/tmp/wc $G 90 $B/walsh run --target cuda --dtype $1 --d $2 --rows $3 ${4:-} --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print(j['dtype'], j['d'], j['rows'], '${4:-}', 'ok', j['ok'], 'err', j['max_rel_error'], 'frac', round(j['roofline_fraction'],3))"
done
date -u +%T
} 2>&1 | tee $OUT/run153.txt
echo "done $(date -u)"
