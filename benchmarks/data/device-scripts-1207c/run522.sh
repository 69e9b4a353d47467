#!/usr/bin/env bash
# Device run 522 (2026-12-07, session 77): walsh tune --target cuda
# interrupted by SIGINT once its database has a shape (text and --json):
# the shapes finished printed, as many as stderr says, status 130, the
# database holding them (this session's change: until then Ctrl-C ended
# walsh tune with nothing printed). No kernel changed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
set -m
# In the background here, so that $! is walsh's pid (python execs it).
sig_default() { python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$@" > /tmp/o.txt 2> /tmp/e.txt & }
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv,noheader
for mode in text json; do
  echo "== walsh tune --target cuda, SIGINT once the database has a shape ($mode)"
  extra=""; [ $mode = json ] && extra="--json"
  rm -f /tmp/db.json
  WALSH_CACHE_DIR=/tmp/wc sig_default $B/bin/walsh tune --target cuda --heads 16,32,64 --head-dim 64,128 --batch 1,8,32 --seq 128,1024,8192 --dtype bf16,f16 --db /tmp/db.json $extra
  pid=$!
  for _ in $(seq 1200); do [ -s /tmp/db.json ] && break; sleep 0.05; done
  kill -INT $pid; wait $pid; echo "status $?"
  if [ $mode = json ]; then python3 -c 'import json; r=json.load(open("/tmp/o.txt")); print("json shapes", len(r["shapes"]), "interrupted", r["interrupted"], "timed", r["candidates_timed"])'; else grep -c "^bf16 \|^f16 " /tmp/o.txt | sed 's/^/table rows /'; head -3 /tmp/o.txt; tail -1 /tmp/o.txt; fi
  cat /tmp/e.txt
  WALSH_CACHE_DIR=/tmp/wc $B/bin/walsh tune --list --db /tmp/db.json --json | python3 -c 'import json, sys; print("database entries", len(json.load(sys.stdin)["entries"]))'
  echo "temporary files: $(ls /tmp | grep -c 'db.json.tmp-')"
done
echo "== the same sweep whole, for its shape count"
rm -f /tmp/db.json
WALSH_CACHE_DIR=/tmp/wc timeout 300 $B/bin/walsh tune --target cuda --heads 16,32,64 --head-dim 64,128 --batch 1,8,32 --seq 128,1024,8192 --dtype bf16,f16 --db /tmp/db.json | tail -1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run522.txt
