#!/usr/bin/env bash
# Device run 7 (2026-11-29): more blocks per SM for 16-bit transposes (one
# exchange buffer, minctasm): an experiment with environment knobs.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
pr() { python3 -c "import json;j=json.load(open('$OUT/t.json'));print('$1','us %.2f'%j['time_us'],'frac %.3f'%j['roofline_fraction'],'err %.2g'%j['max_rel_error'],j['ok'])" || tail -3 $OUT/t.json; }
for r in 65536 16384; do
  for d in 4096 8192 2048; do
    A="--d $d --dtype bf16 --rows $r"
    $B/walsh run --target cuda $A --check --json > $OUT/t.json 2>&1; pr "d$d r$r default"
    WALSH_XBUF=1 $B/walsh run --target cuda $A --check --json > $OUT/t.json 2>&1; pr "d$d r$r xbuf1"
    WALSH_XBUF=1 WALSH_MINCTA=3 $B/walsh run --target cuda $A --check --json > $OUT/t.json 2>&1; pr "d$d r$r xbuf1 cta3"
    WALSH_MINCTA=3 $B/walsh run --target cuda $A --check --json > $OUT/t.json 2>&1; pr "d$d r$r cta3"
  done
  A="--d 4096 --dtype bf16 --rows $r --rows-per-block 1"
  $B/walsh run --target cuda $A --check --json > $OUT/t.json 2>&1; pr "d4096 r$r R1"
  WALSH_XBUF=1 $B/walsh run --target cuda $A --check --json > $OUT/t.json 2>&1; pr "d4096 r$r R1 xbuf1"
  WALSH_XBUF=1 WALSH_MINCTA=6 $B/walsh run --target cuda $A --check --json > $OUT/t.json 2>&1; pr "d4096 r$r R1 xbuf1 cta6"
done
