#!/usr/bin/env bash
# Device run 146 (2026-11-30): the fp32 row-group rule (m >= 52 over one
# warp): the conformance kernels it added, checked; the defaults through the
# JIT (walsh run --check); walsh bench at 1664 and 1920 in fp32.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k57.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 90 $B/walsh-gpu /tmp/k/conf --check-rows 257 --no-time
echo "conf rc=$? $(date -u +%T)"
for a in "1664 65536" "1920 65536 --transpose" "1920 16384"; do
  set -- $a
  WALSH_CACHE_DIR=/tmp/wc $G 90 $B/walsh run --target cuda --dtype f32 --d $1 --rows $2 ${3:-} --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print(j['dtype'], j['d'], j['rows'], '${3:-}', 'err', j['max_rel_error'], 'us', round(j['time_us'],1), 'frac', round(j['roofline_fraction'],3), 'compile_ms', round(j['compile_ms']))"
done
$G 200 $B/walsh bench --target cuda --sizes 1664,1920 --dtypes f32 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run146.txt
echo "done $(date -u)"
