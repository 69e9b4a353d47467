#!/usr/bin/env bash
# Device run 3 (2026-11-29): the tuner over 16-bit sizes after the planes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
start=$(date +%s)
$B/walsh tune --target cuda --batch 2,8 --seq 8192 --heads 32 --head-dim 64,128,256,512,1024 --dtype bf16 --json > $OUT/tune.json 2>$OUT/tune.err; echo "tune rc=$? $(( $(date +%s) - start )) s"
$B/walsh tune --target cuda --batch 2,8 --seq 8192 --heads 40 --head-dim 128 --dtype bf16 --json > $OUT/tune5120.json 2>>$OUT/tune.err; echo "tune rc=$? $(( $(date +%s) - start )) s"
tail -3 $OUT/tune.err
python3 - <<'PY'
import json,os
for f in ('tune.json','tune5120.json'):
    j=json.load(open(os.environ['OUT']+'/'+f))
    for r in j['shapes']:
        print(r['d'], r['rows'], r['config'], '%.2f us' % r['time_us'], 'frac %.3f' % r['roofline_fraction'], 'default %.2f' % r['default_us'], 'x%.2f' % (r['speedup_vs_default'] or 0), 'cands', r['candidates'])
PY
