#!/usr/bin/env bash
# Device run 168 (2026-11-30): the build with the persistent grids' cap
# (896: three blocks a multiprocessor, 1536: one, from 32768 rows): walsh
# run --check through the JIT at 65536 rows (every element against the
# float64 oracle), then walsh bench at 65536, 32768, 16384 rows beside
# the neighbours.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
G="stdbuf -oL -eL timeout"
{
date -u +%T
for a in "bf16 896 65536" "f16 896 32768" "bf16 1536 65536" "f16 1536 65536 --transpose"; do
  set -- $a
  WALSH_CACHE_DIR=/tmp/wc $G 120 $B/walsh run --target cuda --dtype $1 --d $2 --rows $3 ${4:-} --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print(j['dtype'], j['d'], j['rows'], '${4:-}', 'ok', j['ok'], 'err', j['max_rel_error'], 'frac', round(j['roofline_fraction'],3))"
done
WALSH_CACHE_DIR=/tmp/wc $G 200 $B/walsh bench --target cuda --sizes 640,896,1152,1280,1536,1792 --dtypes bf16,f16 --rows 65536,32768,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run168.txt
