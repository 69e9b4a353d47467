#!/usr/bin/env bash
# Device run 525 (2026-12-07, session 77): run524 again after the fix it
# called for (a second signal within 0.5 s is the same request). From run524: walsh bench --target cuda and
# walsh tune --target cuda under `timeout` (SIGTERM): what was measured
# printed, "interrupted (SIGTERM)" on stderr, walsh's status 143 (this
# session's 7dfde8d; until then SIGTERM ended them with nothing printed).
# No kernel changed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv,noheader
echo "== timeout --preserve-status 8 walsh bench --target cuda"
WALSH_CACHE_DIR=/tmp/wc timeout --preserve-status 8 $B/bin/walsh bench --target cuda --sizes 256-32768 --dtypes bf16 --rows 16384 --decode-rows none > /tmp/o.txt 2> /tmp/e.txt
echo "status $?"
grep -c "^bf16" /tmp/o.txt | sed 's/^/table rows /'; tail -3 /tmp/e.txt
echo "== the same again (kernels in the disk cache now)"
WALSH_CACHE_DIR=/tmp/wc timeout --preserve-status 8 $B/bin/walsh bench --target cuda --sizes 256-32768 --dtypes bf16 --rows 16384 --decode-rows none --json > /tmp/o.txt 2> /tmp/e.txt
echo "status $?"
python3 -c 'import json; r=json.load(open("/tmp/o.txt")); print("json records", len(r), "ok", all(x["ok"] for x in r))'; tail -1 /tmp/e.txt
echo "== timeout --preserve-status 6 walsh tune --target cuda"
rm -f /tmp/db.json
WALSH_CACHE_DIR=/tmp/wc timeout --preserve-status 6 $B/bin/walsh tune --target cuda --heads 16,32,64 --head-dim 64,128 --batch 1,8,32 --seq 128,1024,8192 --dtype bf16,f16 --db /tmp/db.json > /tmp/o.txt 2> /tmp/e.txt
echo "status $?"
grep -c "^bf16 \|^f16 " /tmp/o.txt | sed 's/^/table rows /'; tail -1 /tmp/o.txt; tail -1 /tmp/e.txt
WALSH_CACHE_DIR=/tmp/wc $B/bin/walsh tune --target cuda --list --db /tmp/db.json --json | python3 -c 'import json, sys; print("database entries", len(json.load(sys.stdin)["entries"]))'
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run525.txt
