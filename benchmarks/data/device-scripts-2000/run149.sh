#!/usr/bin/env bash
# Device run 149 (2026-11-30): the final build's JIT figures on the H200
# machine's host (walsh bench --cache), and CPU kernels whose two entry
# points are optimized and generated on two threads, checked there.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%T
timeout 200 $B/walsh bench --cache
for a in "bf16 2816" "f32 11264" "f16 768" "f32 15360"; do
  set -- $a
  WALSH_CACHE_DIR=none timeout 60 $B/walsh run --target cpu --dtype $1 --d $2 --rows 4096 --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print('cpu', j['dtype'], j['d'], 'ok', j['ok'], 'err', j['max_rel_error'], 'compile_ms', round(j['compile_ms']), 'frac', round(j['roofline_fraction'],2))"
done
date -u +%T
} 2>&1 | tee $OUT/run149.txt
