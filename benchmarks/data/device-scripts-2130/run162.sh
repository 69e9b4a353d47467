#!/usr/bin/env bash
# Device run 162 (2026-11-30): build-k67.sh's conformance kernels checked
# (walsh-gpu, 257 rows, every element against the float64 oracle); then the
# final build's new defaults through the JIT (walsh run --check) and walsh
# bench at 768 and 2816.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k67.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 150 $B/walsh-gpu /tmp/k/conf --check-rows 257 --no-time
echo "conf rc=$? $(date -u +%T)"
for a in "bf16 768 65536" "f16 2816 16384 --transpose" "f16 768 65536 --no-affine" "bf16 2816 65536"; do
  set -- $a
  WALSH_CACHE_DIR=/tmp/wc $G 90 $B/walsh run --target cuda --dtype $1 --d $2 --rows $3 ${4:-} --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print(j['dtype'], j['d'], j['rows'], '${4:-}', 'ok', j['ok'], 'err', j['max_rel_error'], 'frac', round(j['roofline_fraction'],3))"
done
WALSH_CACHE_DIR=/tmp/wc $G 150 $B/walsh bench --target cuda --sizes 768,2816 --dtypes bf16,f16 --rows 65536,32768,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run162.txt
echo "done $(date -u)"
