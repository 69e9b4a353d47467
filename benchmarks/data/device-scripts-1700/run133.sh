#!/usr/bin/env bash
# Device run 133 (2026-11-30): build-k49.sh's kernels: the 31 conformance
# kernels the fold moved or added, checked; the new defaults through the JIT
# (walsh run --check); the defaults at -O3 against ptxas's fast-compile
# level and more rows a block (walsh-gpu, two passes); walsh bench.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k49.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 120 $B/walsh-gpu /tmp/k/conf --check-rows 257 --no-time
echo "conf rc=$? $(date -u +%T)"
for a in "bf16 5120 65536" "f16 5120 16384 --transpose" "bf16 4608 65536 --no-affine" "f16 7168 65536" "bf16 7168 16384 --transpose"; do
  set -- $a
  WALSH_CACHE_DIR=/tmp/wc $G 60 $B/walsh run --target cuda --dtype $1 --d $2 --rows $3 ${4:-} --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print(j['dtype'], j['d'], j['rows'], '${4:-}', 'err', j['max_rel_error'], 'us', round(j['time_us'],1), 'frac', round(j['roofline_fraction'],3), 'compile_ms', round(j['compile_ms']))"
done
for pass in 1 2; do
  for r in 65536 16384; do
    for s in dflt fast r5 r6 r7; do
      echo "== pass $pass rows $r set $s $(date -u +%T)"
      $G 90 $B/walsh-gpu /tmp/k/$s --check-rows 257 --rows $r
      echo "rc=$?"
    done
  done
done
$G 300 $B/walsh bench --target cuda --sizes 4608,5120,7168 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run133.txt
echo "done $(date -u)"
