#!/usr/bin/env bash
# Device run 121 (2026-11-30): the session's new defaults through the JIT
# (`walsh run --target cuda --check`: the bundle's compiler, the default
# configuration for the row count, checked against the float64 oracle,
# timed against a copy): bf16 12288 and 32768 and f16 10240 at 16384 rows,
# bf16 448, 320 and 896, f16 960 and fp32 480, 7680 at 65536 rows. And
# bf16/f16 d = 16384's default with and without a and b, side by side.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k38.tar.xz -C /tmp/k
{
for a in "bf16 12288 16384" "bf16 32768 16384" "f16 10240 16384" "bf16 448 65536" "bf16 320 65536" "bf16 896 65536" "f16 960 65536" "f32 480 65536" "f32 7680 65536"; do
  set -- $a
  WALSH_CACHE_DIR=/tmp/wc timeout 120 $B/walsh run --target cuda --dtype $1 --d $2 --rows $3 --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print(j['dtype'], j['d'], j['rows'], 'err', j['max_rel_error'], 'us', round(j['time_us'],1), 'frac', round(j['roofline_fraction'],3), j.get('config'))"
done
timeout 120 $B/walsh-gpu /tmp/k --check-rows 257 --rows 16384
timeout 120 $B/walsh-gpu /tmp/k --check-rows 257 --rows 16384
} 2>&1 | tee $OUT/run121.txt
echo "done $(date -u)"
